package city.iam.lifecycle.inactivity;

import city.iam.lifecycle.account.AccountActions;
import city.iam.lifecycle.account.Notice;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Duration;

/** What the inactivity sweep does to an account: its own warning mail, the rest through {@link AccountActions}. */
final class UserActions {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AccountActions account;

    UserActions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.account = new AccountActions(session, realm);
    }

    /** Mails the user when the realm has SMTP and the user an address; answers what happened, for the notice. */
    String warn(UserModel user, InactivityPolicy policy, long idleMillis) {
        long idleDays = Duration.ofMillis(idleMillis).toDays();
        long disableInDays = Math.max(0, policy.disableAfter().minusMillis(idleMillis).toDays());
        String text = "Your " + Notice.realmName(realm) + " account " + user.getUsername() + " has not been used for " + idleDays + " days.\n"
                + "It will be disabled in " + disableInDays + " days unless you sign in.\n";
        return Notice.mail(session, realm, user, "your account is about to be disabled", text);
    }

    boolean disable(UserModel user) {
        return account.disable(user);
    }

    void delete(UserModel user) {
        account.delete(user);
    }

    void anonymise(UserModel user) {
        account.anonymise(user);
    }
}
