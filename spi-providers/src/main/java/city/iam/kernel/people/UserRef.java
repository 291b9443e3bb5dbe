package city.iam.kernel.people;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

/**
 * The attributes through which lifecycle and reviews name people, and how a name is resolved: owners and
 * managers are written by people (a username) or by feeds (an id), so both are accepted, username first.
 */
public final class UserRef {

    /** On a role, group or client: the person who answers for it. */
    public static final String OWNER = "city-iam.owner";
    /** On a user: their manager. */
    public static final String MANAGER = "manager";
    /** On a role or group: holding it is privileged access. */
    public static final String PRIVILEGED = "city-iam.privileged";

    private UserRef() {
    }

    /** The user a username or id names; null when blank or unknown. */
    public static UserModel find(KeycloakSession session, RealmModel realm, String usernameOrId) {
        if (usernameOrId == null || usernameOrId.isBlank()) {
            return null;
        }
        String ref = usernameOrId.trim();
        UserModel user = session.users().getUserByUsername(realm, ref);
        return user != null ? user : session.users().getUserById(realm, ref);
    }
}
