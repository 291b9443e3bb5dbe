package city.iam.device.registry;

import city.iam.device.jpa.DeviceCaEntity;
import city.iam.device.pki.KeyPolicy;
import city.iam.device.pki.Pem;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.EntityManager;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DI-17 fleet checks, each one aggregate query (no per-device loop): devices by group and status,
 * certificates expiring within a window, keys certified for more than one device (shared or cloned keys),
 * active devices that hold no valid certificate, trust anchors that expire within the window (a lapsed
 * manufacturer root stops every enrolment of its devices), and CA keys weaker than the device key policy.
 */
public class FleetReport {

    static final int SAMPLE = 100;

    private final EntityManager em;
    private final String realmId;

    public FleetReport(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    public record Report(@JsonProperty("generated_at") String generatedAt,
                         @JsonProperty("devices") Map<String, Map<String, Long>> devices,
                         @JsonProperty("expiring_within") String expiringWithin,
                         @JsonProperty("expiring_certificates") long expiringCertificates,
                         @JsonProperty("expiring_devices") List<String> expiringDevices,
                         @JsonProperty("shared_keys") long sharedKeys,
                         @JsonProperty("active_without_certificate") long activeWithoutCertificate,
                         @JsonProperty("expiring_anchors") List<Anchor> expiringAnchors,
                         @JsonProperty("weak_ca_keys") List<WeakCa> weakCaKeys) {
    }

    /** A CA (imported, or from before a stricter key policy) whose key the device key policy would refuse today. */
    public record WeakCa(@JsonProperty("id") String id, @JsonProperty("active") boolean active,
                         @JsonProperty("subject") String subject, @JsonProperty("key") String key) {
    }

    public record Anchor(@JsonProperty("pin") String pin, @JsonProperty("purpose") String purpose,
                         @JsonProperty("subject") String subject, @JsonProperty("not_after") String notAfter) {
    }

    public Report build(Instant now, Duration window) {
        Map<String, Map<String, Long>> byGroup = new LinkedHashMap<>();
        em.createQuery("select d.groupName, d.status, count(d) from DeviceEntity d where d.realmId = :realmId "
                        + "group by d.groupName, d.status order by d.groupName, d.status", Object[].class)
                .setParameter("realmId", realmId).getResultList()
                .forEach(row -> byGroup.computeIfAbsent((String) row[0], g -> new LinkedHashMap<>()).put((String) row[1], (Long) row[2]));
        long until = now.plus(window).toEpochMilli();
        long expiring = em.createQuery("select count(c) from DeviceCertificateEntity c where c.realmId = :realmId "
                        + "and c.state = 'current' and c.notAfter < :until", Long.class)
                .setParameter("realmId", realmId).setParameter("until", until).getSingleResult();
        List<String> sample = em.createQuery("select d.deviceId from DeviceCertificateEntity c, DeviceEntity d where c.realmId = :realmId "
                        + "and c.state = 'current' and c.notAfter < :until and d.id = c.devicePk order by c.notAfter", String.class)
                .setParameter("realmId", realmId).setParameter("until", until).setMaxResults(SAMPLE).getResultList();
        long shared = em.createQuery("select c.keyPin from DeviceCertificateEntity c where c.realmId = :realmId "
                        + "group by c.keyPin having count(distinct c.devicePk) > 1", String.class)
                .setParameter("realmId", realmId).getResultList().size();
        long bare = em.createQuery("select count(d) from DeviceEntity d where d.realmId = :realmId and d.status = 'active' "
                        + "and not exists (select c.id from DeviceCertificateEntity c where c.devicePk = d.id "
                        + "and c.state = 'current' and c.notAfter > :now)", Long.class)
                .setParameter("realmId", realmId).setParameter("now", now.toEpochMilli()).getSingleResult();
        List<Anchor> anchors = em.createQuery("select a.pin, a.purpose, a.subject, a.notAfter from TrustAnchorEntity a "
                        + "where a.realmId = :realmId and a.notAfter < :until order by a.notAfter", Object[].class)
                .setParameter("realmId", realmId).setParameter("until", until).setMaxResults(SAMPLE).getResultList().stream()
                .map(r -> new Anchor((String) r[0], (String) r[1], (String) r[2], Instant.ofEpochMilli((Long) r[3]).toString()))
                .toList();
        // Device keys are checked against the key policy when certified; the CA keys that sign them are not,
        // since an operator may import a CA: the row names those a device key would be refused for.
        List<WeakCa> weakCas = new ArrayList<>();
        for (DeviceCaEntity ca : em.createQuery("select c from DeviceCaEntity c where c.realmId = :realmId order by c.createdAt",
                DeviceCaEntity.class).setParameter("realmId", realmId).getResultList()) {
            X509Certificate cert = Pem.certificates(ca.getCertPem()).get(0);
            if (KeyPolicy.isWeak(cert.getPublicKey())) {
                weakCas.add(new WeakCa(ca.getId(), ca.isActive(), cert.getSubjectX500Principal().getName(),
                        KeyPolicy.describe(cert.getPublicKey())));
            }
        }
        return new Report(now.toString(), byGroup, window.toString(), expiring, sample, shared, bare, anchors, weakCas);
    }
}
