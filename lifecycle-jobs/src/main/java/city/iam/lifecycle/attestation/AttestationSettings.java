package city.iam.lifecycle.attestation;

import city.iam.kernel.settings.RealmSettings;
import city.iam.lifecycle.settings.Setting;
import city.iam.lifecycle.settings.SettingsPolicy;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.List;

/**
 * How often owners attest their clients: realm attribute {@code city-iam.lifecycle.owner-attestation-every}
 * (default {@code P180D}, at least a day), also the policy document {@code /lifecycle/policies/owner-attestation}.
 * A policy of its own rather than a field of the hygiene policy, so declared hygiene documents stay as they are.
 */
public final class AttestationSettings {

    static final Setting<Duration> EVERY = Setting.duration("every", "lifecycle.owner-attestation-every",
            Duration.ofDays(180), Duration.ofDays(1));

    public static final SettingsPolicy POLICY = new SettingsPolicy("owner-attestation", List.of(EVERY));

    private AttestationSettings() {
    }

    public static AttestationSchedule schedule(RealmModel realm) {
        return new AttestationSchedule(EVERY.read(RealmSettings.of(realm)));
    }
}
