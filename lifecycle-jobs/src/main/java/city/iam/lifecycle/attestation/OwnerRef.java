package city.iam.lifecycle.attestation;

import java.util.Locale;

/**
 * Whether a client's {@code city-iam.owner} value names a given person. Owners are written as a username (by
 * people; Keycloak keeps usernames lower-case, people do not always type them so) or a user id (by feeds), as
 * everywhere in the suite; comparing text spares a user lookup per client when listing someone's clients.
 */
public final class OwnerRef {

    private OwnerRef() {
    }

    public static boolean names(String ownerValue, String userId, String username) {
        if (ownerValue == null || ownerValue.isBlank()) {
            return false;
        }
        String ref = ownerValue.trim();
        return ref.equals(userId) || (username != null && ref.toLowerCase(Locale.ROOT).equals(username.toLowerCase(Locale.ROOT)));
    }
}
