package city.iam.lifecycle.account;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailSenderProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Map;

/**
 * A plain-text notice mailed to a user through the realm's SMTP settings. Answers what happened ({@code sent},
 * {@code no_smtp}, {@code no_address}, {@code failed}) for the record that goes with it; a mail that cannot be sent
 * never stops the job.
 */
public final class Notice {

    private static final Logger LOG = Logger.getLogger(Notice.class);

    private Notice() {
    }

    public static String mail(KeycloakSession session, RealmModel realm, UserModel user, String subject, String text) {
        Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null || smtp.get("host") == null || smtp.get("host").isBlank()) {
            return "no_smtp";
        }
        if (user.getEmail() == null || user.getEmail().isBlank()) {
            return "no_address";
        }
        try {
            session.getProvider(EmailSenderProvider.class).send(smtp, user, realmName(realm) + ": " + subject, text,
                    "<p>" + text.replace("\n", "</p><p>").replace("<p></p>", "") + "</p>");
            return "sent";
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("notice '%s' to user %s in realm %s not sent: %s", subject, user.getId(), realm.getName(), e.getMessage());
            return "failed";
        }
    }

    public static String realmName(RealmModel realm) {
        return realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName();
    }
}
