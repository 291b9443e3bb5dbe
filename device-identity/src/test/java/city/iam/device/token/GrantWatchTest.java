package city.iam.device.token;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GrantWatchTest {

    private static final GrantWatch.Limits RATE_3 = new GrantWatch.Limits(3, 0, Duration.ofMinutes(10));
    private static final GrantWatch.Limits ADDR_2 = new GrantWatch.Limits(0, 2, Duration.ofMinutes(10));

    @Test
    void offByDefault() {
        GrantWatch watch = new GrantWatch();
        for (int i = 0; i < 1000; i++) {
            assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "10.0.0." + i, i, GrantWatch.Limits.OFF));
        }
    }

    @Test
    void moreGrantsInAMinuteThanAllowedIsASignal() {
        GrantWatch watch = new GrantWatch();
        assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "a", 0, RATE_3));
        assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "a", 10_000, RATE_3));
        assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "a", 20_000, RATE_3));
        assertEquals(GrantWatch.Signal.TOKEN_RATE, watch.grant("d", "a", 30_000, RATE_3));
        // The count starts afresh after a signal.
        assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "a", 31_000, RATE_3));
    }

    @Test
    void theMinuteSlides() {
        GrantWatch watch = new GrantWatch();
        for (long t = 0; t < 600_000; t += 20_001) {
            assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "a", t, RATE_3), "at " + t);
        }
    }

    @Test
    void devicesAreCountedApart() {
        GrantWatch watch = new GrantWatch();
        for (int i = 0; i < 3; i++) {
            assertEquals(GrantWatch.Signal.NONE, watch.grant("d1", "a", i, RATE_3));
            assertEquals(GrantWatch.Signal.NONE, watch.grant("d2", "a", i, RATE_3));
        }
    }

    @Test
    void tooManyAddressesWithinTheWindowIsASignal() {
        GrantWatch watch = new GrantWatch();
        assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "10.0.0.1", 0, ADDR_2));
        assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "10.0.0.1", 1_000, ADDR_2));
        assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "10.0.0.2", 2_000, ADDR_2));
        assertEquals(GrantWatch.Signal.MANY_ADDRESSES, watch.grant("d", "10.0.0.3", 3_000, ADDR_2));
    }

    @Test
    void addressesOutsideTheWindowAreForgotten() {
        GrantWatch watch = new GrantWatch();
        assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "10.0.0.1", 0, ADDR_2));
        assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "10.0.0.2", 1_000, ADDR_2));
        assertEquals(GrantWatch.Signal.NONE, watch.grant("d", "10.0.0.3", Duration.ofMinutes(11).toMillis(), ADDR_2));
    }

    @Test
    void signalsNameTheirLimit() {
        GrantWatch.Limits both = new GrantWatch.Limits(30, 4, Duration.ofMinutes(5));
        assertEquals("token rate: more than 30 grants in a minute", GrantWatch.Signal.TOKEN_RATE.describe(both));
        assertEquals("same device from more than 4 network addresses within PT5M", GrantWatch.Signal.MANY_ADDRESSES.describe(both));
    }
}
