package city.iam.lifecycle.inactivity;

import city.iam.kernel.error.CityIamException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A validated inactivity policy: warn, disable, then delete or anonymise after the given idle times. A user
 * who never logged in is measured from creation and left alone until {@code neverLoggedInGrace} has passed.
 * Periods are ISO-8601 durations in days or smaller units ({@code P60D}, {@code PT12H}); months and years
 * are refused because they have no fixed length to compare.
 */
public record InactivityPolicy(Duration warnAfter, Duration disableAfter, Duration deleteAfter, FinalAction finalAction,
                               Duration neverLoggedInGrace, Set<String> exemptGroups, int version) {

    static final Duration LONGEST = Duration.ofDays(36_500);
    static final int MAX_GROUPS = 50;

    public static InactivityPolicy parse(PolicyDocument d, int version) {
        if (d == null) {
            throw CityIamException.badRequest("missing_body", "The policy is required.");
        }
        Duration warn = period("warn_after", d.warnAfter(), true);
        Duration disable = period("disable_after", d.disableAfter(), true);
        Duration delete = period("delete_after", d.deleteAfter(), true);
        if (warn.compareTo(disable) >= 0 || disable.compareTo(delete) >= 0) {
            throw CityIamException.badRequest("invalid_stage_order",
                    "The stages must come in order: warn_after < disable_after < delete_after (got " + d.warnAfter() + ", "
                            + d.disableAfter() + ", " + d.deleteAfter() + ").");
        }
        if (d.finalAction() == null) {
            throw CityIamException.badRequest("missing_field", "final_action is required: delete or anonymise.");
        }
        FinalAction action = FinalAction.parse(d.finalAction());
        if (action == null) {
            throw CityIamException.badRequest("invalid_final_action", "final_action is delete or anonymise, not '" + d.finalAction() + "'.");
        }
        Duration grace = period("never_logged_in_grace", d.neverLoggedInGrace(), false);
        return new InactivityPolicy(warn, disable, delete, action, grace == null ? Duration.ZERO : grace, groups(d.exemptGroups()), version);
    }

    public PolicyDocument document(String updatedAt) {
        return new PolicyDocument(iso(warnAfter), iso(disableAfter), iso(deleteAfter), finalAction.code(),
                neverLoggedInGrace.isZero() ? null : iso(neverLoggedInGrace), new ArrayList<>(exemptGroups), version, updatedAt);
    }

    /** Whole days as {@code P60D} (java.time would say {@code PT1440H}), anything else as java.time renders it. */
    static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    private static Duration period(String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                throw CityIamException.badRequest("missing_field", field + " is required (an ISO-8601 period such as P60D).");
            }
            return null;
        }
        Duration d;
        try {
            d = Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw CityIamException.badRequest("invalid_period", field + " is not an ISO-8601 period in days or smaller units (e.g. P60D): '" + value + "'.");
        }
        if (d.isNegative() || d.isZero()) {
            throw CityIamException.badRequest("invalid_period", field + " must be a positive period, not '" + value + "'.");
        }
        if (d.compareTo(LONGEST) > 0) {
            throw CityIamException.badRequest("invalid_period", field + " is longer than 100 years: '" + value + "'.");
        }
        return d;
    }

    private static Set<String> groups(List<String> groups) {
        Set<String> out = new LinkedHashSet<>();
        if (groups == null) {
            return out;
        }
        if (groups.size() > MAX_GROUPS) {
            throw CityIamException.badRequest("too_many_groups", "At most " + MAX_GROUPS + " exempt groups.");
        }
        for (String g : groups) {
            if (g == null || g.isBlank()) {
                throw CityIamException.badRequest("invalid_group", "exempt_groups holds group paths such as /break-glass; blank entries are refused.");
            }
            out.add(g.startsWith("/") ? g.trim() : "/" + g.trim());
        }
        return out;
    }
}
