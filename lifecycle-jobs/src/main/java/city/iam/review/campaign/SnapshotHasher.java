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

    /** An item already stored, read back (a resumed launch re-hashes what was committed before the cut-off). */
    public void add(long seq, String accessId, String accessType, String grantKind, String path, String viaId, String userId) {
        digest.update(line(seq, accessId, accessType, grantKind, path, viaId, userId).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The item's canonical JSON line: written field by field in the canonical (sorted) key order, because a launch
     * hashes half a million of them; {@code SnapshotHasherTest} holds it equal to {@link CanonicalJson#of}.
     */
    public static String line(long seq, Grant g) {
        return line(seq, g.accessId(), g.type().code(), g.kind().name(), g.path(), g.viaId(), g.userId());
    }

    public static String line(long seq, String accessId, String accessType, String grantKind, String path, String viaId, String userId) {
        StringBuilder out = new StringBuilder(200);
        out.append("{\"access_id\":");
        CanonicalJson.writeString(accessId, out);
        out.append(",\"access_type\":");
        CanonicalJson.writeString(accessType, out);
        out.append(",\"grant_kind\":");
        CanonicalJson.writeString(grantKind, out);
        out.append(",\"grant_path\":");
        nullable(path, out);
        out.append(",\"grant_via_id\":");
        nullable(viaId, out);
        out.append(",\"seq\":").append(seq).append(",\"user_id\":");
        CanonicalJson.writeString(userId, out);
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
