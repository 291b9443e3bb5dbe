package city.iam.lifecycle.inactivity;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserManager;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** What the sweep does to an account, through Keycloak's own user model so caches and events stay right. */
final class UserActions {

    private static final Logger LOG = Logger.getLogger(UserActions.class);
    private static final Set<String> PROFILE = Set.of(UserModel.USERNAME, UserModel.EMAIL, UserModel.FIRST_NAME, UserModel.LAST_NAME);

    private final KeycloakSession session;
    private final RealmModel realm;

    UserActions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Mails the user when the realm has SMTP and the user an address; answers what happened, for the notice. */
    String warn(UserModel user, InactivityPolicy policy, long idleMillis) {
        Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null || smtp.get("host") == null || smtp.get("host").isBlank()) {
            return "no_smtp";
        }
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return "no_address";
        }
        long idleDays = Duration.ofMillis(idleMillis).toDays();
        long disableInDays = Math.max(0, policy.disableAfter().minusMillis(idleMillis).toDays());
        String realmName = realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName();
        String text = "Your " + realmName + " account " + user.getUsername() + " has not been used for " + idleDays + " days.\n"
                + "It will be disabled in " + disableInDays + " days unless you sign in.\n";
        try {
            session.getProvider(EmailSenderProvider.class).send(smtp, user, realmName + ": your account is about to be disabled", text,
                    "<p>" + text.replace("\n", "</p><p>").replace("<p></p>", "") + "</p>");
            return "sent";
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("inactivity warning to user %s in realm %s not sent: %s", user.getId(), realm.getName(), e.getMessage());
            return "failed";
        }
    }

    /** Disables and ends the user's sessions; answers false when the account was already disabled. */
    boolean disable(UserModel user) {
        boolean wasEnabled = user.isEnabled();
        user.setEnabled(false);
        endSessions(user);
        return wasEnabled;
    }

    void delete(UserModel user) {
        new UserManager(session).removeUser(realm, user);
    }

    /**
     * Keeps the account as a disabled tombstone under its id, with no personal data: profile, attributes,
     * credentials, identity-provider links, group memberships and sessions go.
     */
    void anonymise(UserModel user) {
        endSessions(user);
        user.setEnabled(false);
        user.setUsername("anonymised-" + user.getId());
        user.setEmail(null);
        user.setFirstName(null);
        user.setLastName(null);
        user.getAttributes().keySet().stream().filter(k -> !PROFILE.contains(k)).toList().forEach(user::removeAttribute);
        user.credentialManager().getStoredCredentialsStream().toList()
                .forEach(c -> user.credentialManager().removeStoredCredentialById(c.getId()));
        session.users().getFederatedIdentitiesStream(realm, user).toList()
                .forEach(link -> session.users().removeFederatedIdentity(realm, user, link.getIdentityProvider()));
        user.getGroupsStream().toList().forEach(user::leaveGroup);
        user.getRequiredActionsStream().toList().forEach(user::removeRequiredAction);
    }

    private void endSessions(UserModel user) {
        session.sessions().getUserSessionsStream(realm, user).toList().forEach(s -> session.sessions().removeUserSession(realm, s));
        session.sessions().getOfflineUserSessionsStream(realm, user).toList().forEach(s -> session.sessions().removeOfflineUserSession(realm, s));
    }
}
