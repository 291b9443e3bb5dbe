package city.iam.kernel.mail;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mails a notice to a user through Keycloak's email templates, in the user's language, with the realm's SMTP
 * settings: the module's templates and messages ship in its jar's {@code theme-resources}, so they work with
 * any email theme and a city theme overrides them by file name. Answers what happened — {@value #SENT},
 * {@value #NO_SMTP}, {@value #NO_ADDRESS} or {@value #FAILED} — for the record that goes with the notice; a mail
 * that cannot be sent is logged and answered, never thrown, so it never stops the work that triggered it.
 */
public final class Mailer {

    public static final String SENT = "sent";
    public static final String NO_SMTP = "no_smtp";
    public static final String NO_ADDRESS = "no_address";
    public static final String FAILED = "failed";
    /** The person a notice was for no longer exists (or never did): nothing was mailed. */
    public static final String NO_USER = "no_user";
    private static final Logger LOG = Logger.getLogger(Mailer.class);

    private Mailer() {
    }

    public static String send(KeycloakSession session, RealmModel realm, UserModel to, MailTemplate template, Map<String, Object> attributes) {
        if (!configured(realm)) {
            return NO_SMTP;
        }
        if (to.getEmail() == null || to.getEmail().isBlank()) {
            return NO_ADDRESS;
        }
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(to)
                    .send(template.subjectKey(), List.of(realmName(realm)), template.file() + ".ftl", new HashMap<>(attributes));
            return SENT;
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("notice %s to user %s in realm %s not sent: %s", template.file(), to.getId(), realm.getName(), e.getMessage());
            return FAILED;
        }
    }

    /** Whether the realm has a mail server; callers skip loading recipients when it has none. */
    public static boolean configured(RealmModel realm) {
        Map<String, String> smtp = realm.getSmtpConfig();
        return smtp != null && smtp.get("host") != null && !smtp.get("host").isBlank();
    }

    /** A time as notices show it: {@code 2026-12-01 23:20 UTC}. */
    public static String utcMinute(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).toString().substring(0, 16).replace('T', ' ') + " UTC";
    }

    /** The realm as people know it: its display name, else its name. */
    public static String realmName(RealmModel realm) {
        return realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName();
    }
}
