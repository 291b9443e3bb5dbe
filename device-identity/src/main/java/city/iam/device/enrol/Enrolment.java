package city.iam.device.enrol;

import city.iam.device.anchor.TrustAnchors;
import city.iam.device.ca.CaKeys;
import city.iam.device.ca.DeviceCas;
import city.iam.device.group.EnrollmentGroup;
import city.iam.device.group.GroupRules;
import city.iam.device.group.Groups;
import city.iam.device.jpa.DeviceCertificateEntity;
import city.iam.device.jpa.DeviceEntity;
import city.iam.device.jpa.IndividualEnrollmentEntity;
import city.iam.device.pki.CertificateAuthority;
import city.iam.device.pki.CsrParser;
import city.iam.device.pki.DeviceSerial;
import city.iam.device.pki.Fingerprints;
import city.iam.device.pki.Pem;
import city.iam.device.registry.DeviceStatus;
import city.iam.device.registry.Devices;
import city.iam.kernel.error.CityIamException;
import jakarta.persistence.EntityManager;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Admits a device into a group and issues its first LDevID. Runs inside the caller's transaction with the
 * group row locked, after the evidence was verified and its nonce consumed. Every refusal is a 4xx that
 * leaves nothing behind.
 */
public class Enrolment {

    private final EntityManager em;
    private final String realmId;
    private final String realmName;
    private final Clock clock;
    private final String crlUrl;
    private final CaKeys keys;

    public Enrolment(EntityManager em, String realmId, String realmName, Clock clock, String crlUrl, CaKeys keys) {
        this.em = em;
        this.realmId = realmId;
        this.realmName = realmName;
        this.clock = clock;
        this.crlUrl = crlUrl;
        this.keys = keys;
    }

    public record Outcome(DeviceEntity device, X509Certificate certificate, X509Certificate caCertificate,
                          String attestation, boolean released) {
        public boolean pending() {
            return certificate == null && !released;
        }
    }

    public Outcome admit(String groupName, CsrParser.Csr csr, DeviceProof proof) {
        Groups groups = new Groups(em, realmId, clock);
        EnrollmentGroup group = groups.lockForEnrolment(groupName);
        GroupRules rules = GroupRules.of(group);
        String serial = DeviceSerial.of(proof.idevid());

        Optional<IndividualEnrollmentEntity> individual = groups.enrollment(groupName, serial);
        if (individual.isPresent() && individual.get().getMode().equals("block")) {
            throw new CityIamException(403, "device_blocked", "Device " + serial + " is blocked from group " + groupName + ".");
        }
        boolean preApproved = individual.isPresent() && individual.get().getMode().equals("allow");
        if (!preApproved && !rules.serialAllowed(serial)) {
            throw new CityIamException(403, "serial_not_allowed", "Serial " + serial + " is not admitted by group " + groupName + ".");
        }
        String keyPin = Fingerprints.spkiSha256(csr.publicKey());
        if (keyPin.equals(Fingerprints.spkiSha256(proof.idevid()))) {
            throw CityIamException.badRequest("key_reuse", "The CSR must carry a new device key, not the manufacturer (IDevID) key.");
        }

        Devices devices = new Devices(em, realmId);
        DeviceEntity device = devices.bySerial(groupName, serial).orElse(null);
        if (device != null) {
            return readmit(device, csr, keyPin, proof, rules);
        }
        if (devices.countInGroup(groupName) >= group.quota()) {
            throw new CityIamException(403, "quota_exhausted", "Group " + groupName + " has reached its quota of " + group.quota() + " devices.");
        }
        String deviceId = rules.deviceId(serial);
        if (devices.byDeviceId(deviceId).isPresent()) {
            throw CityIamException.conflict("device_id_taken", "Device id " + deviceId + " is already used by another device.");
        }
        device = new DeviceEntity();
        device.setId(UUID.randomUUID().toString());
        device.setRealmId(realmId);
        device.setDeviceId(deviceId);
        device.setGroupName(groupName);
        device.setIdevidSerial(serial);
        device.setIdevidAnchorPin(Fingerprints.spkiSha256(proof.anchor()));
        device.setIdevidThumbprint(Fingerprints.x5tS256(proof.idevid()));
        device.setKeyPin(keyPin);
        device.setAttestation(proof.attestation());
        device.setFirmware(proof.firmware());
        device.setStatus((preApproved || rules.autoApprove() ? DeviceStatus.ACTIVE : DeviceStatus.PENDING).value());
        device.setCreatedAt(clock.millis());
        device.setUpdatedAt(clock.millis());
        em.persist(device);
        return issueIfActive(device, csr, rules, proof.attestation());
    }

    /**
     * A known device enrolling again through its group with fresh proof: to collect its certificate after
     * approval, or to get a new one when it holds no valid certificate (expired, or revoked and reinstated).
     * While it holds a valid one it must rotate with simplereenroll instead.
     */
    private Outcome readmit(DeviceEntity device, CsrParser.Csr csr, String keyPin, DeviceProof proof, GroupRules rules) {
        DeviceStatus status = DeviceStatus.of(device.getStatus());
        if (status == DeviceStatus.REVOKED || status == DeviceStatus.DECOMMISSIONED) {
            throw new CityIamException(403, "device_" + status.value(),
                    "Device " + device.getDeviceId() + " is " + status.value() + " and cannot enrol again through its group.");
        }
        long now = clock.millis();
        if (status == DeviceStatus.QUARANTINED) {
            if (!EnrollmentGroup.EVIDENCE_EAT.equals(proof.evidenceType())) {
                throw new CityIamException(403, "device_quarantined",
                        "Device " + device.getDeviceId() + " is quarantined: enrol with fresh attestation evidence to be released.");
            }
            // Fresh, appraised evidence is the way out of quarantine; the device keeps its valid certificate.
            device.setStatus(DeviceStatus.ACTIVE.value());
            device.setStatusReason("released by fresh attestation");
            device.setAttestation(proof.attestation());
            device.setFirmware(proof.firmware());
            device.setUpdatedAt(now);
            boolean holdsCurrent = new Devices(em, realmId).certificates(device).stream()
                    .anyMatch(c -> c.getState().equals("current") && c.getNotAfter() > now);
            if (holdsCurrent) {
                return new Outcome(device, null, new DeviceCas(em, realmId, realmName, clock, keys).active().authority().certificate(),
                        proof.attestation(), true);
            }
        }
        boolean holdsValid = new Devices(em, realmId).certificates(device).stream()
                .anyMatch(c -> c.getState().equals("current") && c.getNotAfter() > now);
        if (holdsValid) {
            throw CityIamException.conflict("already_enrolled", keyPin.equals(device.getKeyPin())
                    ? "Device " + device.getDeviceId() + " already holds a certificate for this key."
                    : "This IDevID is already enrolled with another key; rotate with simplereenroll using the current certificate.");
        }
        device.setKeyPin(keyPin);
        device.setAttestation(proof.attestation());
        device.setFirmware(proof.firmware());
        device.setUpdatedAt(now);
        return issueIfActive(device, csr, rules, proof.attestation());
    }

    private Outcome issueIfActive(DeviceEntity device, CsrParser.Csr csr, GroupRules rules, String attestation) {
        DeviceCas.Active ca = new DeviceCas(em, realmId, realmName, clock, keys).active();
        if (!device.getStatus().equals(DeviceStatus.ACTIVE.value())) {
            return new Outcome(device, null, ca.authority().certificate(), attestation, false);
        }
        CertificateAuthority.Profile profile = new CertificateAuthority.Profile(
                CertificateAuthority.Profile.subject(realmName, device.getGroupName(), device.getDeviceId()),
                List.of("urn:city-iam:" + realmName + ":device:" + device.getDeviceId()),
                rules.certificateValidity(), crlUrl);
        X509Certificate cert = ca.authority().issue(csr.publicKey(), profile, clock.instant());
        DeviceCertificateEntity stored = new DeviceCertificateEntity();
        stored.setId(UUID.randomUUID().toString());
        stored.setRealmId(realmId);
        stored.setDevicePk(device.getId());
        stored.setCaId(ca.entity().getId());
        stored.setSerial(cert.getSerialNumber().toString(16));
        stored.setThumbprint(Fingerprints.x5tS256(cert));
        stored.setKeyPin(Fingerprints.spkiSha256(cert.getPublicKey()));
        stored.setState("current");
        stored.setNotBefore(cert.getNotBefore().getTime());
        stored.setNotAfter(cert.getNotAfter().getTime());
        stored.setCertPem(Pem.encode(cert));
        em.persist(stored);
        return new Outcome(device, cert, ca.authority().certificate(), attestation, false);
    }

    /**
     * RFC 7030 re-enrolment by a device that authenticated with its current certificate: a new key is
     * required, and the old certificate stays usable until the new one is used or the group's overlap ends.
     */
    public Outcome rotate(DeviceEntity device, CsrParser.Csr csr) {
        GroupRules rules = GroupRules.of(new Groups(em, realmId, clock).lockForEnrolment(device.getGroupName()));
        String keyPin = Fingerprints.spkiSha256(csr.publicKey());
        boolean reused = new Devices(em, realmId).certificates(device).stream().anyMatch(c -> c.getKeyPin().equals(keyPin));
        if (reused) {
            throw CityIamException.badRequest("rekey_required", "Re-enrolment needs a new key; this key was already certified.");
        }
        new city.iam.device.registry.DeviceCertificates(em, realmId, clock).rotate(device, rules.rotationOverlap());
        device.setKeyPin(keyPin);
        device.setUpdatedAt(clock.millis());
        return issueIfActive(device, csr, rules, device.getAttestation());
    }

    /** The anchors a group accepts for evidence, by pin. */
    public static List<X509Certificate> anchorsFor(EntityManager em, String realmId, Clock clock, EnrollmentGroup group) {
        return new TrustAnchors(em, realmId, clock).certificates(group.anchors());
    }
}
