package city.iam.review.campaign;

import city.iam.kernel.json.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over the frozen items in launch order, one canonical JSON line each, computed while the items are
 * streamed in so the population never has to be in memory at once. Anyone holding the exported items can
 * recompute it and compare with the campaign's first audit entry.
 */
public final class SnapshotHasher {

    private final MessageDigest digest;

    public SnapshotHasher() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public void add(long seq, Grant g) {
        digest.update(line(seq, g).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The item's canonical JSON line: written field by field in the canonical (sorted) key order, because a launch
     * hashes half a million of them; {@code SnapshotHasherTest} holds it equal to {@link CanonicalJson#of}.
     */
    public static String line(long seq, Grant g) {
        StringBuilder out = new StringBuilder(200);
        out.append("{\"access_id\":");
        CanonicalJson.writeString(g.accessId(), out);
        out.append(",\"access_type\":");
        CanonicalJson.writeString(g.type().code(), out);
        out.append(",\"grant_kind\":");
        CanonicalJson.writeString(g.kind().name(), out);
        out.append(",\"grant_path\":");
        nullable(g.path(), out);
        out.append(",\"grant_via_id\":");
        nullable(g.viaId(), out);
        out.append(",\"seq\":").append(seq).append(",\"user_id\":");
        CanonicalJson.writeString(g.userId(), out);
        return out.append("}\n").toString();
    }

    private static void nullable(String value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        } else {
            CanonicalJson.writeString(value, out);
        }
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
