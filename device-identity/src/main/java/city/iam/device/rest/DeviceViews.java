package city.iam.device.rest;

import city.iam.device.jpa.DeviceCaEntity;
import city.iam.device.jpa.DeviceCertificateEntity;
import city.iam.device.jpa.DeviceEntity;
import city.iam.device.jpa.IndividualEnrollmentEntity;
import city.iam.device.jpa.TrustAnchorEntity;
import city.iam.device.pki.Pem;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/** The JSON shapes of the device-identity API. */
final class DeviceViews {

    private DeviceViews() {
    }

    static String time(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }

    record Anchor(@JsonProperty("pin") String pin, @JsonProperty("purpose") String purpose,
                  @JsonProperty("subject") String subject, @JsonProperty("not_after") String notAfter,
                  @JsonProperty("certificate") String certificate) {
        static Anchor of(TrustAnchorEntity e) {
            return new Anchor(e.getPin(), e.getPurpose(), e.getSubject(), time(e.getNotAfter()), e.getCertPem());
        }
    }

    record Ca(@JsonProperty("id") String id, @JsonProperty("active") boolean active,
              @JsonProperty("subject") String subject, @JsonProperty("not_after") String notAfter,
              @JsonProperty("certificate") String certificate, @JsonProperty("realm_key") String realmKey) {
        static Ca of(DeviceCaEntity e) {
            X509Certificate cert = Pem.certificates(e.getCertPem()).get(0);
            return new Ca(e.getId(), e.isActive(), cert.getSubjectX500Principal().getName(),
                    cert.getNotAfter().toInstant().toString(), e.getCertPem(), e.getKeyId());
        }
    }

    record Enrollment(@JsonProperty("serial") String serial, @JsonProperty("mode") String mode, @JsonProperty("note") String note) {
        static Enrollment of(IndividualEnrollmentEntity e) {
            return new Enrollment(e.getSerial(), e.getMode(), e.getNote());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Certificate(@JsonProperty("serial") String serial, @JsonProperty("state") String state,
                       @JsonProperty("x5t#S256") String thumbprint, @JsonProperty("not_before") String notBefore,
                       @JsonProperty("not_after") String notAfter, @JsonProperty("revoked_at") String revokedAt,
                       @JsonProperty("revocation_reason") String revocationReason) {
        static Certificate of(DeviceCertificateEntity c) {
            return new Certificate(c.getSerial(), c.getState(), c.getThumbprint(), time(c.getNotBefore()), time(c.getNotAfter()),
                    c.getRevokedAt() == null ? null : time(c.getRevokedAt()), c.getRevocationReason());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Device(@JsonProperty("device_id") String deviceId, @JsonProperty("group") String group,
                  @JsonProperty("status") String status, @JsonProperty("status_reason") String statusReason,
                  @JsonProperty("serial") String serial, @JsonProperty("attestation") String attestation,
                  @JsonProperty("firmware") String firmware, @JsonProperty("created_at") String createdAt,
                  @JsonProperty("updated_at") String updatedAt, @JsonProperty("attributes") java.util.SortedMap<String, String> attributes,
                  @JsonProperty("certificates") List<Certificate> certificates) {
        static Device of(DeviceEntity d, List<DeviceCertificateEntity> certs) {
            return new Device(d.getDeviceId(), d.getGroupName(), d.getStatus(), d.getStatusReason(), d.getIdevidSerial(),
                    d.getAttestation(), d.getFirmware(), time(d.getCreatedAt()), time(d.getUpdatedAt()),
                    city.iam.device.registry.DeviceAttributes.read(d.getAttributes()),
                    certs == null ? null : certs.stream().map(Certificate::of).toList());
        }
    }
}
