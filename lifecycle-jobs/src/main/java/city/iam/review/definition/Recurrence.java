package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * An ISO-8601 recurrence from an anchor instant: {@code P3M}, {@code P1Y}, {@code P2W} (calendar periods, UTC)
 * or {@code P90D}, {@code PT12H} (fixed lengths). Period {@code n} starts at anchor + n × every; a scheduled
 * launch is keyed by that index, which is what makes it happen once per period.
 */
public record Recurrence(String every, Period period, Duration duration, Instant anchor) {

    static final Duration SHORTEST = Duration.ofHours(1);

    public static Recurrence parse(String every, Instant anchor) {
        if (every == null || every.isBlank()) {
            throw CityIamException.badRequest("invalid_recurrence", "recurrence.every is required: an ISO-8601 period such as P90D or P3M.");
        }
        Period p = null;
        Duration d = null;
        try {
            if (every.contains("T")) {
                d = Duration.parse(every);
            } else {
                p = Period.parse(every);
            }
        } catch (DateTimeException e) {
            throw CityIamException.badRequest("invalid_recurrence", "recurrence.every is not an ISO-8601 period (e.g. P90D, P3M): '" + every + "'.");
        }
        boolean positive = p != null ? !p.isNegative() && !p.isZero() && p.getYears() >= 0 && p.getMonths() >= 0 && p.getDays() >= 0
                : !d.isNegative() && !d.isZero();
        if (!positive) {
            throw CityIamException.badRequest("invalid_recurrence", "recurrence.every must be a positive period, not '" + every + "'.");
        }
        if (d != null && d.compareTo(SHORTEST) < 0) {
            throw CityIamException.badRequest("invalid_recurrence", "recurrence.every must be at least PT1H, not '" + every + "'.");
        }
        return new Recurrence(every, p, d, anchor);
    }

    /** The start of period {@code n}. */
    public Instant start(long n) {
        if (duration != null) {
            return anchor.plus(duration.multipliedBy(n));
        }
        ZonedDateTime a = anchor.atZone(ZoneOffset.UTC);
        return a.plusYears(period.getYears() * n).plusMonths(period.getMonths() * n).plusDays(period.getDays() * n).toInstant();
    }

    /** The index of the period {@code now} falls in; -1 before the anchor. */
    public long index(Instant now) {
        if (now.isBefore(anchor)) {
            return -1;
        }
        if (duration != null) {
            return Duration.between(anchor, now).toMillis() / duration.toMillis();
        }
        long n = 0;
        // Calendar periods have no fixed length: step forward; bounded since definitions are at least a day apart.
        while (!start(n + 1).isAfter(now) && n < 100_000) {
            n++;
        }
        return n;
    }
}
