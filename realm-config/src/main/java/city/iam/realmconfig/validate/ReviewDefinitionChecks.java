package city.iam.realmconfig.validate;

import city.iam.realmconfig.model.Canonical;

import city.iam.realmconfig.load.Pointer;
import city.iam.realmconfig.model.Declared;
import city.iam.realmconfig.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Period;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of a review definition that its schema cannot express, checked offline with the server's limits
 * (lifecycle-jobs {@code ReviewDefinition.parse}), so a definition the server would refuse with 400 stops the
 * apply before anything is written: the fields each selector type needs, reviewer names a stage or a fallback
 * uses, fallback cycles, the stage and percentage limits, the recurrence period.
 */
final class ReviewDefinitionChecks {

    private static final int MAX_STAGES = 5;
    private static final int MAX_SELECTORS = 100;
    private static final Duration LONGEST_STAGE = Duration.ofDays(366);
    private static final Set<String> ADVANCE = Set.of("ACCEPT", "NO_RESPONSE");
    private static final int MAX_FILTER_ATTRIBUTES = 20;
    private static final int MAX_FILTER_VALUES = 50;
    private static final int MAX_FILTER_TEXT = 255;
    private static final Duration LONGEST_INACTIVITY = Duration.ofDays(3660);
    private static final Set<String> CADENCE_CLASSES = Set.of("sensitive", "quasi-sensitive", "open", "privileged");

    private ReviewDefinitionChecks() {
    }

    static void check(Declared d, List<Problem> problems) {
        Checks c = new Checks(d, problems);
        JsonNode selectors = d.object().path("scope").path("selectors");
        c.require(!selectors.isEmpty() && selectors.size() <= MAX_SELECTORS, "/scope/selectors",
                "scope.selectors must list 1 to " + MAX_SELECTORS + " selectors.");
        for (int i = 0; i < selectors.size(); i++) {
            JsonNode s = selectors.get(i);
            String at = "/scope/selectors/" + i;
            switch (s.path("type").asText()) {
                case "realm_role" -> c.require(s.hasNonNull("name") && !s.has("client") && !s.has("path"), at,
                        "A realm_role selector has a 'name' (and no 'client' or 'path').");
                case "client_role" -> c.require(s.hasNonNull("name") && s.hasNonNull("client") && !s.has("path"), at,
                        "A client_role selector has a 'client' and a 'name' (and no 'path').");
                case "organization", "idp_link" -> c.require(s.hasNonNull("name") && !s.path("name").asText().isBlank() && !s.has("client")
                        && !s.has("path"), at, "An " + s.path("type").asText() + " selector has a 'name' (the alias) and no 'client' or 'path'.");
                case "service_account" -> c.require(!s.has("name") && !s.has("path"), at,
                        "A service_account selector has an optional 'client' (and no 'name' or 'path').");
                case "account" -> c.require(!s.has("name") && !s.has("client") && !s.has("path") && s.has("attribute") == s.has("value"), at,
                        "An account selector has only an optional 'attribute' with its 'value'.");
                default -> c.require(s.hasNonNull("path") && !s.has("name") && !s.has("client"), at,
                        "A group selector has a 'path' such as /fin-ops (and no 'name' or 'client').");
            }
        }
        filters(c, d.object().path("scope").path("filters"));
        JsonNode reviewers = d.object().path("reviewers");
        c.require(!reviewers.isEmpty(), "/reviewers", "reviewers must name at least one resolver (owner, manager, users or group).");
        for (Map.Entry<String, JsonNode> e : reviewers.properties()) {
            reviewer(c, e.getKey(), e.getValue(), reviewers);
        }
        JsonNode stages = d.object().path("stages");
        c.require(!stages.isEmpty() && stages.size() <= MAX_STAGES, "/stages", "stages must list 1 to " + MAX_STAGES + " stages.");
        for (int i = 0; i < stages.size(); i++) {
            JsonNode s = stages.get(i);
            String at = "/stages/" + i;
            String reviewer = s.path("reviewer").asText();
            c.require(reviewers.has(reviewer), at + "/reviewer", "Stage reviewer '" + reviewer + "' is not one of the reviewers "
                    + names(reviewers) + ".");
            Duration duration = Duration.parse(s.path("duration").asText());
            c.require(!duration.isNegative() && !duration.isZero() && duration.compareTo(LONGEST_STAGE) <= 0, at + "/duration",
                    "A stage lasts more than zero and at most a year.");
            for (JsonNode a : s.path("advance_on")) {
                c.require(ADVANCE.contains(a.asText()), at + "/advance_on", "advance_on holds ACCEPT and/or NO_RESPONSE, not '" + a.asText() + "'.");
            }
        }
        JsonNode cap = d.object().path("blast_radius").path("max_auto_revoke_percent");
        c.require(cap.isMissingNode() || cap.asInt() >= 0 && cap.asInt() <= 100, "/blast_radius/max_auto_revoke_percent",
                "max_auto_revoke_percent is between 0 and 100.");
        JsonNode every = d.object().path("recurrence").path("every");
        c.require(every.isMissingNode() || positivePeriod(every.asText()), "/recurrence/every",
                "recurrence.every is a positive ISO-8601 period such as P3M, P90D or PT12H, not '" + every.asText() + "'.");
        JsonNode inactive = d.object().path("inactive_after");
        c.require(inactive.isMissingNode() || !Duration.parse(inactive.asText()).isNegative() && !Duration.parse(inactive.asText()).isZero(),
                "/inactive_after", "inactive_after is a positive duration.");
        c.require(!d.object().has("trigger") || !d.object().has("recurrence"), "/trigger",
                "A definition is launched on a recurrence or by moves (trigger: mover), not both.");
        for (Map.Entry<String, JsonNode> e : d.object().path("cadence_by_sensitivity").properties()) {
            String at = "/cadence_by_sensitivity/" + e.getKey();
            c.require(CADENCE_CLASSES.contains(e.getKey()), at, "cadence_by_sensitivity names sensitive, quasi-sensitive, open or privileged, not '"
                    + e.getKey() + "'.");
            c.require(positiveDuration(e.getValue().asText()), at, "A cadence is a positive ISO-8601 duration such as P90D, not '"
                    + e.getValue().asText() + "'.");
        }
        c.require(!d.object().has("trigger") || !d.object().has("cadence_by_sensitivity"), "/cadence_by_sensitivity",
                "A mover's micro-review has no cadence.");
        notifications(c, d.object().path("notifications"), reviewers, stages);
    }

    /** The server's limits on {@code scope.filters} (lifecycle-jobs {@code ScopeFilters.parse}); shapes are the schema's. */
    private static void filters(Checks c, JsonNode f) {
        for (String map : List.of("subject_attributes", "access_attributes")) {
            JsonNode attributes = f.path(map);
            String at = "/scope/filters/" + map;
            c.require(attributes.size() <= MAX_FILTER_ATTRIBUTES, at, map + " names at most " + MAX_FILTER_ATTRIBUTES + " attributes.");
            for (Map.Entry<String, JsonNode> e : attributes.properties()) {
                JsonNode values = e.getValue();
                c.require(!e.getKey().isBlank() && e.getKey().length() <= MAX_FILTER_TEXT, Pointer.child(at, e.getKey()),
                        map + " attribute names are 1 to " + MAX_FILTER_TEXT + " characters.");
                c.require(values.size() <= MAX_FILTER_VALUES, Pointer.child(at, e.getKey()), map + "." + e.getKey() + " lists at most "
                        + MAX_FILTER_VALUES + " values.");
                boolean shortValues = true;
                for (JsonNode v : values.isArray() ? values : List.of(values)) {
                    shortValues &= v.asText().length() <= MAX_FILTER_TEXT;
                }
                c.require(shortValues, Pointer.child(at, e.getKey()), map + "." + e.getKey() + " values are at most " + MAX_FILTER_TEXT + " characters.");
            }
        }
        JsonNode inactive = f.path("inactive_for");
        c.require(!inactive.isTextual() || !Canonical.isDuration(inactive.asText())
                        || Duration.parse(inactive.asText()).compareTo(LONGEST_INACTIVITY) <= 0, "/scope/filters/inactive_for",
                "inactive_for is at most P" + LONGEST_INACTIVITY.toDays() + "D.");
    }

    private static void notifications(Checks c, JsonNode n, JsonNode reviewers, JsonNode stages) {
        for (int i = 0; i < n.path("reminders").size(); i++) {
            String r = n.path("reminders").get(i).asText();
            c.require(Canonical.isDuration(r) && !Duration.parse(r).isNegative() && !Duration.parse(r).isZero(), "/notifications/reminders/" + i,
                    "A reminder is a positive ISO-8601 duration before the stage deadline, such as P3D, not '" + r + "'.");
        }
        c.require(n.path("reminders").size() <= 5, "/notifications/reminders", "At most 5 reminders.");
        if (!n.has("escalate_after") && !n.has("escalate_to")) {
            return;
        }
        String to = n.path("escalate_to").asText();
        c.require(reviewers.has(to), "/notifications/escalate_to", "escalate_to names a reviewer resolver, one of " + names(reviewers) + ", not '" + to + "'.");
        c.require(n.has("escalate_after"), "/notifications/escalate_after", "escalate_after is required with escalate_to.");
        if (n.has("escalate_after")) {
            Duration after = Duration.parse(n.path("escalate_after").asText());
            boolean shorter = true;
            for (JsonNode s : stages) {
                shorter &= after.compareTo(Duration.parse(s.path("duration").asText())) < 0;
            }
            c.require(!after.isNegative() && !after.isZero() && shorter, "/notifications/escalate_after",
                    "escalate_after is positive and shorter than every stage, or the stage closes before anyone escalates.");
        }
    }

    private static void reviewer(Checks c, String name, JsonNode r, JsonNode all) {
        String at = Pointer.child("/reviewers", name);
        String type = r.path("type").asText();
        c.require(!type.equals("users") || r.path("users").size() > 0, at, "Reviewer '" + name + "' of type users needs a 'users' list.");
        c.require(!type.equals("group") || r.hasNonNull("group"), at, "Reviewer '" + name + "' of type group needs a 'group' path.");
        c.require(!r.has("levels") || r.path("levels").asInt() >= 1 && r.path("levels").asInt() <= 10, at + "/levels",
                "levels is between 1 and 10.");
        // Walk the fallback chain: every name it reaches must be defined, and it must end.
        Set<String> seen = new HashSet<>();
        String at2 = name;
        while (at2 != null && seen.add(at2)) {
            String next = all.path(at2).path("fallback").asText(null);
            if (next != null && !all.has(next)) {
                c.require(!at2.equals(name), at + "/fallback", "Reviewer '" + name + "' falls back to '" + next + "', which is not one of "
                        + names(all) + ".");
                return;
            }
            at2 = next;
        }
        c.require(at2 == null, at + "/fallback", "The fallback chain starting at reviewer '" + name + "' comes back to '" + at2 + "'.");
    }

    private static boolean positivePeriod(String every) {
        try {
            return every.contains("T") ? !Duration.parse(every).isNegative() && !Duration.parse(every).isZero()
                    : !Period.parse(every).isNegative() && !Period.parse(every).isZero();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static List<String> names(JsonNode reviewers) {
        return reviewers.properties().stream().map(Map.Entry::getKey).toList();
    }

    /** Adds a problem at a pointer under the definition when a rule does not hold. */
    private record Checks(Declared d, List<Problem> problems) {
        void require(boolean holds, String relative, String sentence) {
            if (!holds) {
                problems.add(new Problem(d.file(), d.pointer() + relative, "review definition '" + d.id() + "': " + sentence));
            }
        }
    }

    private static boolean positiveDuration(String text) {
        try {
            Duration d = Duration.parse(text);
            return !d.isNegative() && !d.isZero();
        } catch (java.time.format.DateTimeParseException e) {
            return false;
        }
    }
}
