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

    /**
     * A scheduled job is due when its last run started at least one interval ago. A start more than an interval
     * in the future means the clock was moved back (tests do): due again. A start only a little in the future is
     * another node's clock running ahead of this one, and must not start the job a second time.
     */
    public static boolean due(Long lastStartedMillis, Duration interval, long nowMillis) {
        return lastStartedMillis == null || Math.abs(nowMillis - lastStartedMillis) >= interval.toMillis();
    }
}
