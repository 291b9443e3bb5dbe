package city.iam.lifecycle.inactivity;

import city.iam.kernel.mail.Mailer;
import city.iam.lifecycle.account.AccountActions;
import city.iam.lifecycle.account.Notice;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.util.Map;

/** What the inactivity sweep does to an account: its own warning mail, the rest through {@link AccountActions}. */
final class UserActions {

    record Mailed(String user, String manager) {

        /** The DISABLE stage found the account disabled already (by a workflow, an administrator): nothing was done. */
        static final Mailed ALREADY_DISABLED = new Mailed("already_disabled", null);

        boolean alreadyDisabled() {
            return ALREADY_DISABLED.equals(this);
        }
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AccountActions account;

    UserActions(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
        this.account = new AccountActions(session, realm);
    }

    /**
     * Mails the user, and their manager when the {@code manager} attribute names one; answers what happened to
     * each mail (manager null when there is none) for the notice. Without a mail server the user is not even
     * loaded: a full user load was the largest cost of a sweep that warns many people.
     */
    Mailed warn(String userId, InactivityPolicy policy, long idleMillis) {
        if (!Notice.smtpConfigured(realm)) {
            return new Mailed(Notice.NO_SMTP, null);
        }
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            return new Mailed(Mailer.NO_USER, null);
        }
        long idleDays = Duration.ofMillis(idleMillis).toDays();
        // Rounded up: "disabled in 8 days" while 7.5 remain, never a day too few.
        long disableInDays = (long) Math.ceil(Math.max(0, policy.disableAfter().toMillis() - idleMillis) / 86_400_000.0);
        String status = Notice.mail(session, realm, user, Notice.Template.INACTIVITY_WARNING,
                Map.of("idleDays", idleDays, "disableInDays", disableInDays));
        UserModel manager = Notice.manager(session, realm, user);
        if (manager == null || !manager.isEnabled()) {
            return new Mailed(status, null);
        }
        String managerStatus = Notice.mail(session, realm, manager, Notice.Template.INACTIVITY_MANAGER,
                Map.of("idleDays", idleDays, "disableInDays", disableInDays, "subjectUsername", user.getUsername()));
        return new Mailed(status, managerStatus);
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
