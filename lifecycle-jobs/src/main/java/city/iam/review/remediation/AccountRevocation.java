package city.iam.review.remediation;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

import java.util.List;

/**
 * Revokes a whole account: disables it, then ends its sessions and offline sessions, so neither a browser
 * session nor a refresh or offline token keeps working. Verification checks both, since a disabled account
 * with a live offline session is the kind of silent failure reviews exist to catch.
 */
final class AccountRevocation {

    private final KeycloakSession session;
    private final RealmModel realm;

    AccountRevocation(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    String revoke(UserModel user) {
        boolean wasEnabled = user.isEnabled();
        user.setEnabled(false);
        return (wasEnabled ? "disabled the account" : "account already disabled") + "; " + endSessions(user);
    }

    /** Ends the account's sessions and offline sessions, leaving it enabled: what unlinking an identity provider needs. */
    String endSessions(UserModel user) {
        long online = session.sessions().getUserSessionsStream(realm, user).count();
        session.sessions().removeUserSessions(realm, user);
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, user).toList();
        offline.forEach(s -> session.sessions().removeOfflineUserSession(realm, s));
        return "ended " + online + " session(s) and " + offline.size() + " offline session(s)";
    }

    /** Null when the account holds no session; otherwise how many remain. */
    String sessionsLeft(UserModel user) {
        long online = session.sessions().getUserSessionsStream(realm, user).count();
        long offline = session.sessions().getOfflineUserSessionsStream(realm, user).count();
        return online + offline == 0 ? null : online + " session(s) and " + offline + " offline session(s) remain";
    }

    /** Null when the account is disabled and holds no session; otherwise what is still active. */
    String stillActive(UserModel user) {
        if (user.isEnabled()) {
            return "account still enabled";
        }
        long online = session.sessions().getUserSessionsStream(realm, user).count();
        long offline = session.sessions().getOfflineUserSessionsStream(realm, user).count();
        return online + offline == 0 ? null : "account disabled but " + online + " session(s) and " + offline + " offline session(s) remain";
    }
}
