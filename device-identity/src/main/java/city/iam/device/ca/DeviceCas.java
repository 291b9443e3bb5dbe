package city.iam.device.ca;

import city.iam.device.jpa.DeviceCaEntity;
import city.iam.device.pki.CertificateAuthority;
import city.iam.device.pki.Pem;
import city.iam.kernel.error.CityIamException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.bouncycastle.asn1.x500.X500Name;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The realm's city device CA: generated in Keycloak on first use (EC P-256, ten years) or imported by an
 * admin who runs their own PKI. One CA is active; earlier ones stay to sign CRLs for what they issued.
 */
public class DeviceCas {

    static final Duration CA_VALIDITY = Duration.ofDays(3650);

    private final EntityManager em;
    private final String realmId;
    private final String realmName;
    private final Clock clock;
    private final CaKeys keys;

    public DeviceCas(EntityManager em, String realmId, String realmName, Clock clock, CaKeys keys) {
        this.em = em;
        this.realmId = realmId;
        this.realmName = realmName;
        this.clock = clock;
        this.keys = keys;
    }

    public record Active(DeviceCaEntity entity, CertificateAuthority authority) {
    }

    public Active active() {
        List<DeviceCaEntity> found = em.createNamedQuery("cityiam.dev.ca.active", DeviceCaEntity.class)
                .setParameter("realmId", realmId).getResultList();
        DeviceCaEntity entity = found.isEmpty() ? generate() : found.get(0);
        return new Active(entity, load(entity, keys));
    }

    public List<DeviceCaEntity> all() {
        return em.createNamedQuery("cityiam.dev.ca.byRealm", DeviceCaEntity.class).setParameter("realmId", realmId).getResultList();
    }

    public DeviceCaEntity generate() {
        CertificateAuthority ca = CertificateAuthority.create(subject(), clock.instant(), CA_VALIDITY);
        return store(ca.certificate(), ca.key(), null);
    }

    /**
     * A new CA whose key is the Keycloak realm key {@code keyId} (Realm settings → Keys: a generated ECDSA or RSA
     * key, or a Java keystore, which may sit on an HSM). The key signs its own CA certificate; the row keeps only
     * the key's id, so the private key stays in Keycloak's custody and rotates with its tools.
     */
    public DeviceCaEntity generate(String keyId) {
        KeyPair pair = keys.keyPair(keyId);
        if (pair == null) {
            throw CityIamException.badRequest("unknown_realm_key",
                    "The realm has no enabled key " + keyId + " with a private key (Realm settings, Keys).");
        }
        CertificateAuthority ca = CertificateAuthority.create(subject(), clock.instant(), CA_VALIDITY, pair);
        return store(ca.certificate(), null, keyId);
    }

    private X500Name subject() {
        return CertificateAuthority.Profile.subject("city-iam", realmName, "City Device CA");
    }

    /** Makes an admin-supplied CA (certificate + PKCS#8 key) the active one. */
    public DeviceCaEntity importCa(String certPem, String keyPem) {
        X509Certificate cert = Pem.certificates(certPem).get(0);
        if (cert.getBasicConstraints() < 0) {
            throw CityIamException.badRequest("not_a_ca", "The certificate is not a CA certificate.");
        }
        PrivateKey key = privateKey(Pem.decode(keyPem, "PRIVATE KEY"), cert.getPublicKey().getAlgorithm());
        CertificateAuthority ca = new CertificateAuthority(cert, key);
        if (!ca.matches()) {
            throw CityIamException.badRequest("key_mismatch", "The private key does not belong to the CA certificate.");
        }
        return store(cert, key, null);
    }

    private DeviceCaEntity store(X509Certificate cert, PrivateKey key, String keyId) {
        for (DeviceCaEntity old : all()) {
            em.lock(old, LockModeType.PESSIMISTIC_WRITE);
            old.setActive(false);
        }
        DeviceCaEntity e = new DeviceCaEntity();
        e.setId(UUID.randomUUID().toString());
        e.setRealmId(realmId);
        e.setCertPem(Pem.encode(cert));
        e.setKeyPkcs8(key == null ? null : Base64.getEncoder().encodeToString(key.getEncoded()));
        e.setKeyId(keyId);
        e.setActive(true);
        e.setCrlNumber(0);
        e.setCreatedAt(clock.millis());
        em.persist(e);
        return e;
    }

    public static CertificateAuthority load(DeviceCaEntity e, CaKeys keys) {
        X509Certificate cert = Pem.certificates(e.getCertPem()).get(0);
        if (e.getKeyId() == null) {
            return new CertificateAuthority(cert, privateKey(Base64.getDecoder().decode(e.getKeyPkcs8()), cert.getPublicKey().getAlgorithm()));
        }
        KeyPair pair = keys.keyPair(e.getKeyId());
        if (pair == null || !pair.getPublic().equals(cert.getPublicKey())) {
            // Disabled, deleted or replaced in Keycloak: issuing must stop rather than sign with something else.
            throw new CityIamException(409, "ca_key_unavailable", "The device CA's realm key " + e.getKeyId()
                    + " is not available; enable it again or make another CA active.");
        }
        return new CertificateAuthority(cert, pair.getPrivate());
    }

    private static PrivateKey privateKey(byte[] pkcs8, String algorithm) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (java.security.GeneralSecurityException e) {
            throw CityIamException.badRequest("invalid_key", "The private key is not PKCS#8 for a " + algorithm + " key.");
        }
    }
}
