package city.iam.kernel.job;

import java.time.Duration;

/**
 * When a RUNNING run may be taken over: its runner has not reported a batch within the lease. A heartbeat in
 * the future (the clock was moved back, as tests do) also counts as expired; the runner-id check on every
 * batch keeps a takeover safe even if the first runner is still alive.
 */
public record Lease(Duration length) {

    public boolean expired(long heartbeatMillis, long nowMillis) {
        return nowMillis - heartbeatMillis > length.toMillis() || heartbeatMillis - nowMillis > length.toMillis();
    }

    /** A scheduled job is due when its last run started at least one interval ago (or in the clock's future). */
    public static boolean due(Long lastStartedMillis, Duration interval, long nowMillis) {
        return lastStartedMillis == null || nowMillis - lastStartedMillis >= interval.toMillis() || lastStartedMillis > nowMillis;
    }
}
