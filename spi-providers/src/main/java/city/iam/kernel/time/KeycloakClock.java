package city.iam.kernel.time;

import org.keycloak.common.util.Time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The clock every city-iam service reads. It follows Keycloak's own {@link Time}, so the test clock offset
 * moves our schedules, deadlines and Keycloak's token and session expiry together. Domain services take a
 * {@link Clock} parameter and never call {@code Instant.now()} themselves.
 */
public final class KeycloakClock extends Clock {

    public static final KeycloakClock INSTANCE = new KeycloakClock();

    private KeycloakClock() {
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return Clock.offset(this, java.time.Duration.ZERO).withZone(zone);
    }

    @Override
    public long millis() {
        return Time.currentTimeMillis();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis());
    }
}
