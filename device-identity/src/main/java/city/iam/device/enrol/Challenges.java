package city.iam.device.enrol;

import city.iam.device.jpa.NonceEntity;
import city.iam.device.pki.Fingerprints;
import city.iam.kernel.error.CityIamException;
import jakarta.persistence.EntityManager;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * Single-use enrolment nonces bound to a group. A nonce is consumed by deleting its row, which only one
 * transaction on one node can do, so a replay fails even when two copies race.
 */
public class Challenges {

    public static final Duration TTL = Duration.ofSeconds(60);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final EntityManager em;
    private final String realmId;
    private final Clock clock;

    public Challenges(EntityManager em, String realmId, Clock clock) {
        this.em = em;
        this.realmId = realmId;
        this.clock = clock;
    }

    public record Issued(String nonce, Instant expiresAt) {
    }

    public Issued issue(String group) {
        byte[] raw = new byte[32];
        RANDOM.nextBytes(raw);
        String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        NonceEntity e = new NonceEntity();
        e.setId(id(nonce));
        e.setRealmId(realmId);
        e.setGroupName(group);
        Instant expires = clock.instant().plus(TTL);
        e.setExpiresAt(expires.toEpochMilli());
        em.persist(e);
        return new Issued(nonce, expires);
    }

    /** Consumes the nonce for the group, or refuses: unknown, already used, expired, or for another group. */
    public void consume(String nonce, String group) {
        if (nonce == null || nonce.isBlank() || nonce.length() > 128) {
            throw CityIamException.badRequest("invalid_nonce", "The evidence carries no valid eat_nonce.");
        }
        NonceEntity e = em.find(NonceEntity.class, id(nonce));
        if (e == null || !e.getRealmId().equals(realmId)) {
            throw CityIamException.badRequest("invalid_nonce", "The nonce is unknown or was already used: ask for a fresh challenge.");
        }
        em.remove(e);
        em.flush();
        if (e.getExpiresAt() < clock.millis()) {
            throw CityIamException.badRequest("nonce_expired", "The nonce has expired: ask for a fresh challenge.");
        }
        if (!e.getGroupName().equals(group)) {
            throw CityIamException.badRequest("invalid_nonce", "The nonce was issued for another enrollment group.");
        }
    }

    /** Deletes expired nonces of every realm; returns how many. */
    public static int purgeExpired(EntityManager em, long now) {
        return em.createQuery("delete from NonceEntity n where n.expiresAt < :now").setParameter("now", now).executeUpdate();
    }

    private static String id(String nonce) {
        return java.util.HexFormat.of().formatHex(Fingerprints.sha256(nonce.getBytes(StandardCharsets.UTF_8)));
    }
}
