package city.iam.device.evidence;

import city.iam.device.group.EnrollmentGroup;
import city.iam.device.group.FirmwareVersion;
import city.iam.kernel.error.CityIamException;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * Appraises verified evidence against an enrollment group's policy (RFC 9334 terms) and yields an EAR-like
 * result. Identity mismatches are 400 (the request contradicts itself); posture failures are 403
 * {@code attestation_policy_failed} with every failed check named.
 */
public final class Appraisal {

    public static final String AFFIRMING = "affirming";

    private Appraisal() {
    }

    public record Result(String status, String swVersion, List<String> checks) {
    }

    public static Result appraise(Evidence evidence, EnrollmentGroup group, String serial, PublicKey csrKey) {
        if (evidence.ueid() == null || !evidence.ueid().equals(serial)) {
            throw CityIamException.badRequest("evidence_device_mismatch",
                    "The evidence ueid does not name the device serial of the signing certificate.");
        }
        if (!java.util.Arrays.equals(evidence.confirmationKey().getEncoded(), csrKey.getEncoded())) {
            throw CityIamException.badRequest("key_mismatch",
                    "The key in the evidence (cnf.jwk) is not the key of the certificate signing request.");
        }
        List<String> failed = new ArrayList<>();
        if (Boolean.TRUE.equals(group.requireSecureBoot()) && !Boolean.TRUE.equals(evidence.secureBoot())) {
            failed.add("secure boot is not reported as enabled (secboot)");
        }
        if (Boolean.TRUE.equals(group.requireDebugDisabled())
                && (evidence.debug() == null || !evidence.debug().isDisabled())) {
            failed.add("debug is not reported as disabled (dbgstat)");
        }
        if (group.minFirmware() != null) {
            FirmwareVersion have = FirmwareVersion.parse(evidence.swVersion());
            if (have == null || have.compareTo(FirmwareVersion.parse(group.minFirmware())) < 0) {
                failed.add("firmware " + evidence.swVersion() + " is below the minimum " + group.minFirmware() + " (swversion)");
            }
        }
        if (!failed.isEmpty()) {
            throw new CityIamException(403, "attestation_policy_failed", "The device does not meet the group's policy: "
                    + String.join("; ", failed) + ".");
        }
        return new Result(AFFIRMING, evidence.swVersion(), List.of("signature", "chain", "nonce", "device", "key", "posture"));
    }
}
