package city.iam.dataset.policy;

import city.iam.kernel.error.CityIamException;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A weekly access window in an explicit IANA zone, written {@code Europe/Paris MON-FRI 07:00-19:00}
 * (days as a range or a comma list). The zone is part of the rule, unlike Keycloak's time policy, which
 * reads the server's zone (keycloak#39959). A window whose end is before its start runs past midnight.
 */
public record TimeWindow(ZoneId zone, Set<DayOfWeek> days, LocalTime from, LocalTime to) {

    public static TimeWindow parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("\\s+");
        if (parts.length != 3) {
            throw invalid(text);
        }
        try {
            ZoneId zone = ZoneId.of(parts[0]);
            if (!parts[0].contains("/") && !"UTC".equals(parts[0])) {
                throw invalid(text);
            }
            String[] times = parts[2].split("-");
            if (times.length != 2) {
                throw invalid(text);
            }
            LocalTime from = LocalTime.parse(times[0]);
            LocalTime to = LocalTime.parse(times[1]);
            if (from.equals(to)) {
                throw invalid(text);
            }
            return new TimeWindow(zone, days(parts[1], text), from, to);
        } catch (DateTimeException | IllegalArgumentException e) {
            throw invalid(text);
        }
    }

    private static Set<DayOfWeek> days(String spec, String text) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String item : spec.split(",")) {
            String[] range = item.split("-");
            DayOfWeek first = day(range[0], text);
            DayOfWeek last = range.length == 2 ? day(range[1], text) : first;
            if (range.length > 2) {
                throw invalid(text);
            }
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                days.add(d);
                if (d == last) {
                    break;
                }
            }
        }
        return days;
    }

    private static DayOfWeek day(String abbreviation, String text) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (d.name().substring(0, 3).equals(abbreviation.toUpperCase(Locale.ROOT))) {
                return d;
            }
        }
        throw invalid(text);
    }

    private static CityIamException invalid(String text) {
        return CityIamException.badRequest("invalid_time_window", "Time window '" + text
                + "' must read '<IANA zone> <days> <HH:MM>-<HH:MM>', e.g. 'Europe/Paris MON-FRI 07:00-19:00'.");
    }

    /** Whether the instant falls in the window; an overnight window belongs to the day it starts on. */
    public boolean contains(Instant at) {
        ZonedDateTime local = at.atZone(zone);
        LocalTime t = local.toLocalTime();
        if (from.isBefore(to)) {
            return days.contains(local.getDayOfWeek()) && !t.isBefore(from) && t.isBefore(to);
        }
        if (!t.isBefore(from)) {
            return days.contains(local.getDayOfWeek());
        }
        return t.isBefore(to) && days.contains(local.getDayOfWeek().minus(1));
    }

    public String text() {
        StringBuilder d = new StringBuilder();
        for (DayOfWeek day : days) {
            d.append(d.length() == 0 ? "" : ",").append(day.name(), 0, 3);
        }
        return zone.getId() + " " + d + " " + from + "-" + to;
    }
}
