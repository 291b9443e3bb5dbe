package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Who hears about a stage while it runs: reviewers when it opens ({@code assignment}), reminders to reviewers
 * with undecided items at set times before the deadline, and escalation: undecided items move, once per stage,
 * to the reviewer the {@code escalate_to} resolver finds for the late reviewer (their manager, an IAM group),
 * who is told, while the late reviewer gets an overdue notice. Every notice can also be posted to a webhook.
 */
public record Notifications(boolean assignment, List<Duration> reminders, Duration escalateAfter, String escalateTo, URI webhook) {

    public static final Notifications DEFAULT = new Notifications(true, List.of(), null, null, null);
    static final int MAX_REMINDERS = 5;

    static Notifications parse(DefinitionDocument.Notifications d, Map<String, ReviewDefinition.ReviewerSpec> reviewers,
                               List<ReviewDefinition.StageSpec> stages) {
        if (d == null) {
            return DEFAULT;
        }
        List<Duration> reminders = new ArrayList<>();
        if (d.reminders() != null) {
            if (d.reminders().size() > MAX_REMINDERS) {
                throw bad("invalid_notifications", "notifications.reminders has at most " + MAX_REMINDERS + " entries.");
            }
            for (String r : d.reminders()) {
                Duration before = ReviewDefinition.duration("notifications.reminders", r);
                if (reminders.contains(before)) {
                    throw bad("invalid_notifications", "notifications.reminders names " + r + " twice.");
                }
                reminders.add(before);
            }
        }
        // Largest first: the order in which they fall due.
        reminders.sort(Comparator.reverseOrder());
        Duration escalateAfter = null;
        String escalateTo = blankToNull(d.escalateTo());
        if (d.escalateAfter() != null || escalateTo != null) {
            escalateAfter = ReviewDefinition.duration("notifications.escalate_after", d.escalateAfter());
            if (escalateTo == null) {
                throw bad("missing_field", "notifications.escalate_to is required with escalate_after: the reviewer resolver that takes late items.");
            }
            if (!reviewers.containsKey(escalateTo)) {
                throw bad("unknown_reviewer", "notifications.escalate_to names '" + escalateTo + "', which reviewers does not define.");
            }
            Duration shortest = stages.stream().map(ReviewDefinition.StageSpec::duration).min(Comparator.naturalOrder()).orElseThrow();
            if (escalateAfter.compareTo(shortest) >= 0) {
                throw bad("invalid_notifications", "notifications.escalate_after (" + d.escalateAfter()
                        + ") must be shorter than every stage, or the stage closes before anyone escalates.");
            }
        }
        return new Notifications(d.assignment() == null || d.assignment(), List.copyOf(reminders), escalateAfter, escalateTo,
                webhook(d.webhook()));
    }

    public DefinitionDocument.Notifications document() {
        return new DefinitionDocument.Notifications(assignment, reminders.isEmpty() ? null : reminders.stream().map(Notifications::iso).toList(),
                escalateAfter == null ? null : iso(escalateAfter), escalateTo, webhook == null ? null : webhook.toString());
    }

    /** Whole days as {@code P5D} (as people write them), anything else as {@link Duration#toString}. */
    public static String iso(Duration d) {
        return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
    }

    private static URI webhook(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw bad("invalid_webhook", "notifications.webhook is not a URL: '" + value + "'.");
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null || uri.getUserInfo() != null) {
            throw bad("invalid_webhook", "notifications.webhook is an http(s) URL with a host and no credentials in it: '" + value + "'.");
        }
        return uri;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static CityIamException bad(String code, String description) {
        return CityIamException.badRequest(code, description);
    }
}
