package city.iam.lifecycle.temporary;

import city.iam.kernel.error.CityIamException;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * What an extension request and its decision may say (LJ-35). An extension moves the end of a grant later, by at
 * most the realm's {@code max-extension} beyond its current end, so every extension is a fresh, bounded decision
 * by the owner rather than a way around the grant's maximum duration. Plain Java: every refusal is unit-tested.
 */
public final class ExtensionRules {

    static final int MAX_TEXT = 1000;

    public enum Verdict {
        APPROVE, DENY;

        String status() {
            return this == APPROVE ? Extensions.APPROVED : Extensions.DENIED;
        }
    }

    private ExtensionRules() {
    }

    /** The requested end in epoch millis; 400 {@code invalid_until} when it is not a later end within the limit. */
    public static long until(String until, long now, long currentEnd, Duration maxExtension) {
        if (until == null || until.isBlank()) {
            throw CityIamException.badRequest("missing_field", "until (an ISO-8601 instant) is required.");
        }
        long wanted;
        try {
            wanted = Instant.parse(until.trim()).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw CityIamException.badRequest("invalid_until", "until is an ISO-8601 instant such as 2026-12-24T17:00:00Z.");
        }
        if (wanted <= now) {
            throw CityIamException.badRequest("invalid_until", "until must be in the future.");
        }
        if (wanted <= currentEnd) {
            throw CityIamException.badRequest("invalid_until", "until must be later than the grant's current end, "
                    + Instant.ofEpochMilli(currentEnd) + ".");
        }
        if (wanted - currentEnd > maxExtension.toMillis()) {
            throw CityIamException.badRequest("invalid_until", "An extension adds at most " + maxExtension.toDays()
                    + " days to the current end in this realm: until " + Instant.ofEpochMilli(currentEnd + maxExtension.toMillis()) + ".");
        }
        return wanted;
    }

    /** A reason is required: the owner decides on it. */
    public static String reason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw CityIamException.badRequest("missing_reason", "Say why you need the access longer.");
        }
        if (reason.length() > MAX_TEXT) {
            throw CityIamException.badRequest("invalid_reason", "The reason is at most " + MAX_TEXT + " characters.");
        }
        return reason.trim();
    }

    public static Verdict verdict(String decision) {
        if (decision == null) {
            throw CityIamException.badRequest("missing_field", "decision (approve or deny) is required.");
        }
        return switch (decision.trim().toLowerCase(Locale.ROOT)) {
            case "approve" -> Verdict.APPROVE;
            case "deny" -> Verdict.DENY;
            default -> throw CityIamException.badRequest("invalid_decision", "decision is approve or deny, not '" + decision + "'.");
        };
    }

    /** A denial says why (the grantee reads it); an approval may. */
    public static String comment(Verdict verdict, String comment) {
        String text = comment == null || comment.isBlank() ? null : comment.trim();
        if (text != null && text.length() > MAX_TEXT) {
            throw CityIamException.badRequest("invalid_comment", "The comment is at most " + MAX_TEXT + " characters.");
        }
        if (verdict == Verdict.DENY && text == null) {
            throw CityIamException.badRequest("missing_comment", "A denial needs a comment for the requester.");
        }
        return text;
    }
}
