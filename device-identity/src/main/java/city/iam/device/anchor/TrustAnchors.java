package city.iam.device.anchor;

import city.iam.device.jpa.TrustAnchorEntity;
import city.iam.device.pki.Fingerprints;
import city.iam.device.pki.Pem;
import city.iam.kernel.error.CityIamException;
import jakarta.persistence.EntityManager;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A realm's trust anchors: manufacturer IDevID roots ({@code idevid}) and attestation roots
 * ({@code attestation}), each pinned by the SHA-256 of its public key.
 */
public class TrustAnchors {

    public static final Set<String> PURPOSES = Set.of("idevid", "attestation");

    private final EntityManager em;
    private final String realmId;
    private final Clock clock;

    public TrustAnchors(EntityManager em, String realmId, Clock clock) {
        this.em = em;
        this.realmId = realmId;
        this.clock = clock;
    }

    public TrustAnchorEntity add(String pem, String purpose) {
        if (purpose == null || !PURPOSES.contains(purpose)) {
            throw CityIamException.badRequest("invalid_purpose", "purpose must be one of " + PURPOSES + ".");
        }
        List<X509Certificate> certs = Pem.certificates(pem);
        if (certs.size() != 1) {
            throw CityIamException.badRequest("invalid_certificate", "Upload exactly one anchor certificate.");
        }
        X509Certificate cert = certs.get(0);
        if (cert.getBasicConstraints() < 0) {
            throw CityIamException.badRequest("not_a_ca", "A trust anchor must be a CA certificate (basicConstraints cA=true).");
        }
        if (cert.getNotAfter().toInstant().isBefore(clock.instant())) {
            throw CityIamException.badRequest("anchor_expired", "The anchor certificate has expired.");
        }
        String pin = Fingerprints.spkiSha256(cert);
        if (find(pin).isPresent()) {
            throw CityIamException.conflict("anchor_exists", "An anchor with this public key is already pinned: " + pin);
        }
        TrustAnchorEntity e = new TrustAnchorEntity();
        e.setId(UUID.randomUUID().toString());
        e.setRealmId(realmId);
        e.setPin(pin);
        e.setPurpose(purpose);
        e.setSubject(cert.getSubjectX500Principal().getName());
        e.setNotAfter(cert.getNotAfter().getTime());
        e.setCertPem(Pem.encode(cert));
        e.setCreatedAt(clock.millis());
        em.persist(e);
        return e;
    }

    public List<TrustAnchorEntity> list() {
        return em.createNamedQuery("cityiam.dev.anchor.byRealm", TrustAnchorEntity.class)
                .setParameter("realmId", realmId).getResultList();
    }

    public Optional<TrustAnchorEntity> find(String pin) {
        return em.createNamedQuery("cityiam.dev.anchor.byPin", TrustAnchorEntity.class)
                .setParameter("realmId", realmId).setParameter("pin", pin).getResultStream().findFirst();
    }

    public TrustAnchorEntity remove(String pin) {
        TrustAnchorEntity e = find(pin).orElseThrow(() -> CityIamException.notFound("anchor_not_found", "No anchor with pin " + pin + "."));
        em.remove(e);
        return e;
    }

    /** The certificates of the given pins (those that exist), for chain validation. */
    public List<X509Certificate> certificates(Collection<String> pins) {
        return list().stream().filter(a -> pins.contains(a.getPin()))
                .map(a -> Pem.certificates(a.getCertPem()).get(0)).toList();
    }
}
