package city.iam.device.registry;

import city.iam.device.jpa.DeviceCertificateEntity;
import city.iam.device.jpa.DeviceEntity;
import city.iam.device.pki.Fingerprints;
import jakarta.persistence.EntityManager;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The certificates the city CA issued, and the one question every token request asks of them. */
public class DeviceCertificates {

    private final EntityManager em;
    private final String realmId;
    private final Clock clock;

    public DeviceCertificates(EntityManager em, String realmId, Clock clock) {
        this.em = em;
        this.realmId = realmId;
        this.clock = clock;
    }

    /** {@code cloneSignal}: a superseded certificate was presented — someone else may hold the old key. */
    public record Verdict(boolean accepted, String reason, DeviceEntity device, DeviceCertificateEntity certificate,
                          boolean cloneSignal) {
        static Verdict refuse(String reason) {
            return new Verdict(false, reason, null, null, false);
        }
    }

    public Optional<DeviceCertificateEntity> byThumbprint(String thumbprint) {
        return em.createNamedQuery("cityiam.dev.cert.byThumbprint", DeviceCertificateEntity.class)
                .setParameter("realmId", realmId).setParameter("thumbprint", thumbprint).getResultStream().findFirst();
    }

    /** May this TLS client certificate get a token for the fleet of {@code group}? One indexed query. */
    public Verdict authenticate(X509Certificate leaf, String group) {
        List<Object[]> found = em.createNamedQuery("cityiam.dev.cert.withDevice", Object[].class)
                .setParameter("realmId", realmId).setParameter("thumbprint", Fingerprints.x5tS256(leaf)).getResultList();
        if (found.isEmpty()) {
            return Verdict.refuse("The certificate is not a city device certificate of this realm.");
        }
        DeviceCertificateEntity cert = (DeviceCertificateEntity) found.get(0)[0];
        DeviceEntity device = (DeviceEntity) found.get(0)[1];
        if (!device.getGroupName().equals(group)) {
            return Verdict.refuse("The certificate belongs to another fleet.");
        }
        return check(device, cert);
    }

    /**
     * The state checks shared by token requests, re-enrolment and introspection. A quarantined device passes:
     * it may still reach its remediation scope; callers restrict what it gets.
     */
    public Verdict check(DeviceEntity device, DeviceCertificateEntity cert) {
        if (cert.getRevokedAt() != null) {
            return Verdict.refuse("The device certificate is revoked.");
        }
        if (cert.getNotAfter() < clock.millis()) {
            return Verdict.refuse("The device certificate has expired; enrol again with fresh evidence.");
        }
        boolean inOverlap = cert.getState().equals("previous") && cert.getOverlapUntil() != null && cert.getOverlapUntil() > clock.millis();
        if (!cert.getState().equals("current") && !inOverlap) {
            return new Verdict(false, "The device certificate was superseded by a newer one.", device, cert, true);
        }
        boolean usable = device.getStatus().equals(DeviceStatus.ACTIVE.value())
                || device.getStatus().equals(DeviceStatus.QUARANTINED.value());
        if (!usable) {
            return Verdict.refuse("The device is " + device.getStatus() + ".");
        }
        return new Verdict(true, null, device, cert, false);
    }

    /**
     * Called when a certificate was used successfully: once the newest certificate is in use, the ones it
     * replaced stop being usable, so that a second holder of an old key shows up as a clone.
     */
    public void used(DeviceEntity device, DeviceCertificateEntity cert) {
        if (!device.isRotating() || !cert.getState().equals("current")) {
            return;
        }
        device.setRotating(false);
        for (DeviceCertificateEntity c : new Devices(em, realmId).certificates(device)) {
            if (c.getState().equals("previous")) {
                c.setState("superseded");
            }
        }
    }

    /** Rotation: the current certificate becomes {@code previous} until the overlap ends or the new one is used. */
    public void rotate(DeviceEntity device, java.time.Duration overlap) {
        device.setRotating(true);
        for (DeviceCertificateEntity c : new Devices(em, realmId).certificates(device)) {
            if (c.getState().equals("current")) {
                c.setState("previous");
                c.setOverlapUntil(clock.millis() + overlap.toMillis());
            } else if (c.getState().equals("previous")) {
                c.setState("superseded");
            }
        }
    }

    /** Revokes every certificate of the device that is not revoked yet; returns how many. */
    public int revokeAll(DeviceEntity device, String reason) {
        long now = clock.millis();
        List<DeviceCertificateEntity> certs = new Devices(em, realmId).certificates(device);
        int n = 0;
        for (DeviceCertificateEntity c : certs) {
            if (c.getRevokedAt() == null) {
                c.setRevokedAt(now);
                c.setRevocationReason(reason);
                c.setState("revoked");
                n++;
            }
        }
        return n;
    }
}
