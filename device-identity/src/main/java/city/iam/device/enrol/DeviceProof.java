package city.iam.device.enrol;

import java.security.cert.X509Certificate;

/**
 * How a device proved who it is before enrolment: its IDevID (validated to {@code anchor}) and, with
 * evidence, the appraisal result and reported firmware. {@code evidenceType} is {@code eat} or
 * {@code idevid-tls}.
 */
public record DeviceProof(X509Certificate idevid, X509Certificate anchor, String attestation, String firmware,
                          String evidenceType) {
}
