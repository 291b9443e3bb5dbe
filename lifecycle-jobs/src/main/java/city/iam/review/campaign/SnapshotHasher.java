package city.iam.review.campaign;

import city.iam.kernel.json.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

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

    public static String line(long seq, Grant g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", seq);
        m.put("user_id", g.userId());
        m.put("access_type", g.type().code());
        m.put("access_id", g.accessId());
        m.put("grant_kind", g.kind().name());
        m.put("grant_via_id", g.viaId());
        m.put("grant_path", g.path());
        return CanonicalJson.of(m) + "\n";
    }

    public String hex() {
        return HexFormat.of().formatHex(digest.digest());
    }
}
