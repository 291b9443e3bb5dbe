package city.iam.lifecycle.leaver;

import city.iam.kernel.settings.RealmSettings;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.Set;

/**
 * The realm's leaver rules, as realm attributes {@code city-iam.lifecycle.leaver.*}: which user attribute holds
 * the end date (HR feeds and federation mappers write it), which one the HR status and which values mean "left",
 * whether access and IdP links are removed, the SLA from end date to disabled, and how long a leaver's account
 * is kept before it is anonymised (unset: kept).
 */
public record LeaverSettings(boolean enabled, String endDateAttribute, String hrAttribute, Set<String> hrLeftValues,
                             boolean removeAccess, boolean unlinkIdentityProviders, Duration sla, Duration anonymiseAfter) {

    public static LeaverSettings of(RealmModel realm) {
        RealmSettings s = RealmSettings.of(realm);
        return new LeaverSettings(
                s.flag("lifecycle.leaver.enabled", false),
                s.string("lifecycle.leaver.end-date-attribute", "valid_to"),
                s.string("lifecycle.leaver.hr-attribute", "hr_status"),
                s.list("lifecycle.leaver.hr-left-values", Set.of("left", "terminated")),
                s.flag("lifecycle.leaver.remove-access", true),
                s.flag("lifecycle.leaver.unlink-identity-providers", true),
                s.duration("lifecycle.leaver.sla", Duration.ofHours(4)),
                s.duration("lifecycle.leaver.anonymise-after", null));
    }
}
