package city.iam.lifecycle.finding;

import city.iam.kernel.settings.RealmSettings;
import org.keycloak.models.RealmModel;

import java.time.Duration;

/**
 * The realm's limits for the hygiene scan, as realm attributes ({@code city-iam.lifecycle.*}); a malformed
 * value refuses the run with {@code invalid_setting} rather than scanning with a guess.
 */
public record HygieneThresholds(Duration maxSecretAge, Duration serviceAccountUnusedAfter, Duration pendingPasswordChangeAfter) {

    static final String ENABLED = "lifecycle.hygiene-scan";

    public static HygieneThresholds of(RealmModel realm) {
        RealmSettings s = RealmSettings.of(realm);
        return new HygieneThresholds(
                s.duration("lifecycle.max-client-secret-age", Duration.ofDays(365)),
                s.duration("lifecycle.service-account-unused-after", Duration.ofDays(90)),
                s.duration("lifecycle.pending-password-change-after", Duration.ofDays(14)));
    }

    public static boolean scheduled(RealmModel realm) {
        return RealmSettings.of(realm).flag(ENABLED, false);
    }
}
