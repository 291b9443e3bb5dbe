package city.iam.kernel.audit;

import city.iam.kernel.json.CanonicalJson;
import city.iam.kernel.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * hash = SHA-256(previous hash ‖ canonical entry), hex encoded. The canonical entry is the canonical JSON
 * of {@code {acr, action, actor{id,name,type}, payload, subject, time}}: every column an auditor reads
 * except the sequence number, whose order the chain link itself proves (so a renumbering after a deletion
 * shows as a missing entry, not as every later entry modified).
 */
public final class ChainHasher {

    public static final String GENESIS = "0".repeat(64);

    private ChainHasher() {
    }

    public static String canonical(long timeMillis, Actor actor, String action, String subject, String payload) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        entry.put("acr", actor.acr());
        entry.put("action", action);
        ObjectNode who = entry.putObject("actor");
        who.put("id", actor.id());
        who.put("name", actor.name());
        who.put("type", actor.type());
        entry.set("payload", Json.tree(payload));
        entry.put("subject", subject);
        entry.put("time", Instant.ofEpochMilli(timeMillis).toString());
        return CanonicalJson.of(entry);
    }

    public static String hash(String prevHash, String canonicalEntry) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(HexFormat.of().parseHex(prevHash));
            sha.update(canonicalEntry.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        } catch (IllegalArgumentException e) {
            // A previous hash that is not hex (a tampered column) simply cannot produce the stored hash.
            return "invalid-previous-hash";
        }
    }

    public static String hashOf(ChainedEntry e) {
        return hash(e.prevHash(), canonical(e.timeMillis(), e.actor(), e.action(), e.subject(), e.payload()));
    }
}
