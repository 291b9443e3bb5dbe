package city.iam.lifecycle.account;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;

import java.util.Set;

/**
 * What lifecycle jobs do to an account, through Keycloak's own user and session model so caches, events and
 * other nodes stay right. Each method is safe to repeat: a resumed batch may apply it twice.
 */
public final class AccountActions {

    private static final Set<String> PROFILE = Set.of(UserModel.USERNAME, UserModel.EMAIL, UserModel.FIRST_NAME, UserModel.LAST_NAME);

    private final KeycloakSession session;
    private final RealmModel realm;

    public AccountActions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Disables and ends the user's sessions; answers false when the account was already disabled. */
    public boolean disable(UserModel user) {
        boolean wasEnabled = user.isEnabled();
        user.setEnabled(false);
        endSessions(user);
        return wasEnabled;
    }

    public void delete(UserModel user) {
        new UserManager(session).removeUser(realm, user);
    }

    /**
     * Keeps the account as a disabled tombstone under its id, with no personal data: profile, attributes,
     * credentials, identity-provider links, group memberships and sessions go.
     */
    public void anonymise(UserModel user) {
        endSessions(user);
        user.setEnabled(false);
        user.setUsername("anonymised-" + user.getId());
        user.setEmail(null);
        user.setFirstName(null);
        user.setLastName(null);
        user.getAttributes().keySet().stream().filter(k -> !PROFILE.contains(k)).toList().forEach(user::removeAttribute);
        user.credentialManager().getStoredCredentialsStream().toList()
                .forEach(c -> user.credentialManager().removeStoredCredentialById(c.getId()));
        unlinkIdentityProviders(user);
        user.getGroupsStream().toList().forEach(user::leaveGroup);
        user.getRequiredActionsStream().toList().forEach(user::removeRequiredAction);
    }

    /** Online and offline sessions: with the offline ones go the offline tokens that refresh from them. */
    public void endSessions(UserModel user) {
        session.sessions().getUserSessionsStream(realm, user).toList().forEach(s -> session.sessions().removeUserSession(realm, s));
        session.sessions().getOfflineUserSessionsStream(realm, user).toList().forEach(s -> session.sessions().removeOfflineUserSession(realm, s));
    }

    /** Answers how many client consents were revoked. */
    public int revokeConsents(UserModel user) {
        var consents = session.users().getConsentsStream(realm, user.getId()).toList();
        consents.forEach(c -> session.users().revokeConsentForClient(realm, user.getId(), c.getClient().getId()));
        return consents.size();
    }

    /** Leaves every group and drops every direct role mapping; answers how many grants went. */
    public int removeAccess(UserModel user) {
        var groups = user.getGroupsStream().toList();
        groups.forEach(user::leaveGroup);
        var roles = user.getRoleMappingsStream().toList();
        roles.forEach(user::deleteRoleMapping);
        return groups.size() + roles.size();
    }

    /** Answers how many identity-provider links were removed. */
    public int unlinkIdentityProviders(UserModel user) {
        var links = session.users().getFederatedIdentitiesStream(realm, user).toList();
        links.forEach(link -> session.users().removeFederatedIdentity(realm, user, link.getIdentityProvider()));
        return links.size();
    }
}
