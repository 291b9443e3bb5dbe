package city.iam.lifecycle.finding;

import city.iam.kernel.settings.RealmSettings;
import city.iam.lifecycle.settings.Setting;
import city.iam.lifecycle.settings.SettingsPolicy;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.List;

/**
 * The realm's limits for the hygiene scan, as realm attributes ({@code city-iam.lifecycle.*}); a malformed
 * value refuses the run with {@code invalid_setting} rather than scanning with a guess. {@link #POLICY} is the
 * same settings, plus whether and how often the scan runs, as the policy document of
 * {@code /lifecycle/policies/hygiene}.
 */
public record HygieneThresholds(Duration maxSecretAge, Duration serviceAccountUnusedAfter, Duration pendingPasswordChangeAfter) {

    private static final Setting<Boolean> ENABLED = Setting.flag("enabled", "lifecycle.hygiene-scan", false);
    /** How often the scan runs: default daily, at most every 10 seconds. */
    private static final Setting<Duration> INTERVAL = Setting.duration("interval", "lifecycle.hygiene-interval",
            Duration.ofDays(1), Duration.ofSeconds(10));
    private static final Setting<Duration> MAX_SECRET_AGE = Setting.duration("max_client_secret_age",
            "lifecycle.max-client-secret-age", Duration.ofDays(365));
    private static final Setting<Duration> UNUSED_AFTER = Setting.duration("service_account_unused_after",
            "lifecycle.service-account-unused-after", Duration.ofDays(90));
    private static final Setting<Duration> PENDING_AFTER = Setting.duration("pending_password_change_after",
            "lifecycle.pending-password-change-after", Duration.ofDays(14));

    public static final SettingsPolicy POLICY = new SettingsPolicy("hygiene",
            List.of(ENABLED, INTERVAL, MAX_SECRET_AGE, UNUSED_AFTER, PENDING_AFTER));

    public static HygieneThresholds of(RealmModel realm) {
        RealmSettings s = RealmSettings.of(realm);
        return new HygieneThresholds(MAX_SECRET_AGE.read(s), UNUSED_AFTER.read(s), PENDING_AFTER.read(s));
    }

    public static boolean scheduled(RealmModel realm) {
        return ENABLED.read(RealmSettings.of(realm));
    }

    public static Duration interval(RealmModel realm) {
        return INTERVAL.read(RealmSettings.of(realm));
    }
}
