package city.iam.federation.aggregate;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * One SAML identity provider as an aggregate describes it: what the broker needs to talk to it (SSO/SLO
 * endpoints, signing certificates) and what filters and discovery look at (registration authority, entity
 * categories, scopes). {@link #digest} fingerprints the broker-relevant part so refreshes skip unchanged IdPs.
 */
public record IdpEntity(String entityId, String displayName, String ssoUrl, boolean ssoPost, String sloUrl,
                        List<String> signingCertificates, String registrationAuthority, Set<String> entityCategories,
                        List<String> scopes) {

    public String digest() {
        String canonical = String.join("\n", entityId, displayName, ssoUrl, String.valueOf(ssoPost),
                sloUrl == null ? "" : sloUrl, String.join(",", signingCertificates), String.join(",", scopes));
        return sha256(canonical).substring(0, 32);
    }

    /** A stable, URL-safe IdP alias for the entity within an aggregate (entity IDs are URIs, too long and unsafe). */
    public String alias(String aggregate) {
        return AliasScheme.prefix(aggregate) + sha256(entityId).substring(0, 20);
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How aggregate-managed IdPs are named, so one prefix query finds them all. */
    public static final class AliasScheme {
        private AliasScheme() {
        }

        public static String prefix(String aggregate) {
            return "agg-" + aggregate + "-";
        }
    }
}
