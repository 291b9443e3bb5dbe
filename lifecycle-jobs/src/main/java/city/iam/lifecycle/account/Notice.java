package city.iam.lifecycle.account;

import city.iam.kernel.mail.MailTemplate;
import city.iam.kernel.mail.Mailer;
import city.iam.kernel.people.UserRef;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Map;

/**
 * The notices lifecycle and reviews mail, through the kernel's {@link Mailer}: the templates
 * ({@code city-iam-*.ftl}, HTML and text) and their English, French and Finnish messages ship in this jar's
 * {@code theme-resources}, so they work with any email theme, and a city theme can override them.
 */
public final class Notice {

    public static final String NO_SMTP = Mailer.NO_SMTP;

    /** A template and its subject message key. */
    public enum Template implements MailTemplate {
        INACTIVITY_WARNING("city-iam-inactivity-warning", "cityIamInactivityWarningSubject"),
        INACTIVITY_MANAGER("city-iam-inactivity-manager", "cityIamInactivityManagerSubject"),
        TEMPORARY_ACCESS_ENDING("city-iam-temporary-access-ending", "cityIamTemporaryAccessEndingSubject"),
        EXTENSION_REQUESTED("city-iam-extension-requested", "cityIamExtensionRequestedSubject"),
        LEAVER_NOTICE("city-iam-leaver-notice", "cityIamLeaverNoticeSubject"),
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

        @Override
        public String file() {
            return file;
        }

        @Override
        public String subjectKey() {
            return subjectKey;
        }
    }

    private Notice() {
    }

    /** Mails the notice; answers {@code sent}, {@code no_smtp}, {@code no_address} or {@code failed}. */
    public static String mail(KeycloakSession session, RealmModel realm, UserModel to, Template template, Map<String, Object> attributes) {
        return Mailer.send(session, realm, to, template, attributes);
    }

    public static boolean smtpConfigured(RealmModel realm) {
        return Mailer.configured(realm);
    }

    public static String realmName(RealmModel realm) {
        return Mailer.realmName(realm);
    }

    /** The user a {@code manager} attribute names, by username or id; null when absent or unknown. */
    public static UserModel manager(KeycloakSession session, RealmModel realm, UserModel user) {
        return UserRef.find(session, realm, user.getFirstAttribute(UserRef.MANAGER));
    }
}
