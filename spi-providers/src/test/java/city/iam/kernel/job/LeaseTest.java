package city.iam.kernel.job;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaseTest {

    private final Lease lease = new Lease(Duration.ofMinutes(5));

    @Test
    void liveWithinTheLease() {
        assertFalse(lease.expired(1_000_000, 1_000_000 + Duration.ofMinutes(5).toMillis()));
    }

    @Test
    void expiredAfterTheLease() {
        assertTrue(lease.expired(1_000_000, 1_000_001 + Duration.ofMinutes(5).toMillis()));
    }

    @Test
    void aHeartbeatFarInTheFutureCountsAsExpired() {
        assertTrue(lease.expired(1_000_000 + Duration.ofDays(60).toMillis(), 1_000_000));
    }

    @Test
    void dueWhenNeverRunOrAnIntervalAgo() {
        Duration day = Duration.ofDays(1);
        assertTrue(Lease.due(null, day, 5));
        assertFalse(Lease.due(0L, day, day.toMillis() - 1));
        assertTrue(Lease.due(0L, day, day.toMillis()));
        assertTrue(Lease.due(day.toMillis() * 3, day, day.toMillis()), "a start in the clock's future is stale");
        assertFalse(Lease.due(day.toMillis() + 50, day, day.toMillis()), "another node's clock 50 ms ahead is not a reason to start again");
    }
}
