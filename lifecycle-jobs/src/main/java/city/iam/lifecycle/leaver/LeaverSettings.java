package city.iam.lifecycle.leaver;

import city.iam.kernel.settings.RealmSettings;
import city.iam.lifecycle.settings.Setting;
import city.iam.lifecycle.settings.SettingsPolicy;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The realm's leaver rules, as realm attributes {@code city-iam.lifecycle.leaver.*}: which user attribute holds
 * the end date (HR feeds and federation mappers write it), which one the HR status and which values mean "left",
 * whether access and IdP links are removed, the SLA from end date to disabled, and how long a leaver's account
 * is kept before it is anonymised (unset: kept). {@link #POLICY} is the same settings as the policy document of
 * {@code /lifecycle/policies/leaver}.
 */
public record LeaverSettings(boolean enabled, String endDateAttribute, String hrAttribute, Set<String> hrLeftValues,
                             boolean removeAccess, boolean unlinkIdentityProviders, Duration sla, Duration anonymiseAfter) {

    private static final Setting<Boolean> ENABLED = Setting.flag("enabled", "lifecycle.leaver.enabled", false);
    private static final Setting<String> END_DATE = Setting.name("end_date_attribute", "lifecycle.leaver.end-date-attribute", "valid_to");
    private static final Setting<String> HR = Setting.name("hr_attribute", "lifecycle.leaver.hr-attribute", "hr_status");
    private static final Setting<Set<String>> HR_LEFT = Setting.names("hr_left_values", "lifecycle.leaver.hr-left-values",
            Collections.unmodifiableSet(new LinkedHashSet<>(List.of("left", "terminated"))));
    private static final Setting<Boolean> REMOVE_ACCESS = Setting.flag("remove_access", "lifecycle.leaver.remove-access", true);
    private static final Setting<Boolean> UNLINK = Setting.flag("unlink_identity_providers", "lifecycle.leaver.unlink-identity-providers", true);
    private static final Setting<Duration> SLA = Setting.duration("sla", "lifecycle.leaver.sla", Duration.ofHours(4));
    private static final Setting<Duration> ANONYMISE_AFTER = Setting.duration("anonymise_after", "lifecycle.leaver.anonymise-after", null);

    public static final SettingsPolicy POLICY = new SettingsPolicy("leaver",
            List.of(ENABLED, END_DATE, HR, HR_LEFT, REMOVE_ACCESS, UNLINK, SLA, ANONYMISE_AFTER));

    public static LeaverSettings of(RealmModel realm) {
        RealmSettings s = RealmSettings.of(realm);
        return new LeaverSettings(ENABLED.read(s), END_DATE.read(s), HR.read(s), HR_LEFT.read(s), REMOVE_ACCESS.read(s),
                UNLINK.read(s), SLA.read(s), ANONYMISE_AFTER.read(s));
    }
}
