package city.iam.lifecycle.account;

import org.jboss.logging.Logger;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A notice mailed to a user through Keycloak's email templates, in the user's language: the templates
 * ({@code city-iam-*.ftl}, HTML and text) and their English, French and Finnish messages ship in this jar's
 * {@code theme-resources}, so they work with any email theme, and a city theme can override them. Answers
 * what happened ({@code sent}, {@code no_smtp}, {@code no_address}, {@code failed}) for the record that goes
 * with it; a mail that cannot be sent never stops the job.
 */
public final class Notice {

    public static final String NO_SMTP = "no_smtp";
    private static final Logger LOG = Logger.getLogger(Notice.class);

    /** A template and its subject message key. */
    public enum Template {
        INACTIVITY_WARNING("city-iam-inactivity-warning", "cityIamInactivityWarningSubject"),
        INACTIVITY_MANAGER("city-iam-inactivity-manager", "cityIamInactivityManagerSubject"),
        TEMPORARY_ACCESS_ENDING("city-iam-temporary-access-ending", "cityIamTemporaryAccessEndingSubject"),
        REVIEW_ASSIGNED("city-iam-review-assigned", "cityIamReviewAssignedSubject"),
        REVIEW_REMINDER("city-iam-review-reminder", "cityIamReviewReminderSubject"),
        REVIEW_OVERDUE("city-iam-review-overdue", "cityIamReviewOverdueSubject"),
        REVIEW_ESCALATED("city-iam-review-escalated", "cityIamReviewEscalatedSubject");

        private final String file;
        private final String subjectKey;

        Template(String file, String subjectKey) {
            this.file = file;
            this.subjectKey = subjectKey;
        }
    }

    private Notice() {
    }

    public static String mail(KeycloakSession session, RealmModel realm, UserModel to, Template template, Map<String, Object> attributes) {
        Map<String, String> smtp = realm.getSmtpConfig();
        if (smtp == null || smtp.get("host") == null || smtp.get("host").isBlank()) {
            return NO_SMTP;
        }
        if (to.getEmail() == null || to.getEmail().isBlank()) {
            return "no_address";
        }
        try {
            session.getProvider(EmailTemplateProvider.class).setRealm(realm).setUser(to)
                    .send(template.subjectKey, List.of(realmName(realm)), template.file + ".ftl", new HashMap<>(attributes));
            return "sent";
        } catch (EmailException | RuntimeException e) {
            LOG.warnf("notice %s to user %s in realm %s not sent: %s", template.file, to.getId(), realm.getName(), e.getMessage());
            return "failed";
        }
    }

    public static String realmName(RealmModel realm) {
        return realm.getDisplayName() == null ? realm.getName() : realm.getDisplayName();
    }

    /** The user a {@code manager} attribute names, by username or id; null when absent or unknown. */
    public static UserModel manager(KeycloakSession session, RealmModel realm, UserModel user) {
        return UserRef.find(session, realm, user.getFirstAttribute(UserRef.MANAGER));
    }
}
