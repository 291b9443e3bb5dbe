package city.iam.lifecycle.account;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * A date in a user attribute as HR feeds write it: an ISO date ({@code 2026-12-31}, a whole day in UTC) or an
 * instant. Null for anything else, so callers report it instead of guessing.
 */
public final class DateAttribute {

    private DateAttribute() {
    }

    /** The first moment the value covers: the start of the day for a date. */
    public static Long start(String value) {
        return parse(value, false);
    }

    /** The moment after the value: the end of the day for a date (someone leaving on the 31st works that day). */
    public static Long end(String value) {
        return parse(value, true);
    }

    private static Long parse(String value, boolean end) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            if (v.length() == 10) {
                LocalDate day = LocalDate.parse(v);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
            }
            return Instant.parse(v).toEpochMilli();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
