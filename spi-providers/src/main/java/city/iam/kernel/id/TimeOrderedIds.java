package city.iam.kernel.id;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Row ids for tables written in bulk (audit entries, notices, admin events of a sweep): RFC 9562 version-7 UUIDs,
 * milliseconds first, then a counter that keeps ids of one node ascending within a millisecond, then 62 random bits
 * that keep nodes apart. Version-4 ids scattered each insert over the whole primary-key index, so every commit of
 * a large sweep rewrote pages all over it; these land at its end.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int COUNTER_BITS = 12;
    /** Milliseconds shifted left by the counter's bits, plus the counter: strictly increasing on this node. */
    private static final AtomicLong LAST = new AtomicLong();

    private TimeOrderedIds() {
    }

    public static String next() {
        return next(System.currentTimeMillis()).toString();
    }

    static UUID next(long epochMillis) {
        long stamp = LAST.updateAndGet(last -> Math.max(last + 1, epochMillis << COUNTER_BITS));
        long millis = stamp >>> COUNTER_BITS;
        long counter = stamp & ((1L << COUNTER_BITS) - 1);
        long msb = (millis << 16) | 0x7000L | counter;
        long lsb = 0x8000_0000_0000_0000L | (RANDOM.nextLong() >>> 2);
        return new UUID(msb, lsb);
    }
}
