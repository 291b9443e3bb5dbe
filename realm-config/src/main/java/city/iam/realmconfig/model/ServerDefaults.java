package city.iam.realmconfig.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What lifecycle-jobs fills in when it stores a review definition or the birthright policy (see
 * {@code ReviewDefinition.document} and {@code BirthrightPolicy.document}), or answers for the leaver and hygiene
 * settings ({@code LeaverSettings}, {@code HygieneThresholds}): written out on both sides before
 * comparing, so a file that leaves a default out, or spells {@code P7D} where the server stores {@code PT168H},
 * is not a change. Works on the raw object, before it is canonicalised.
 */
final class ServerDefaults {

    private ServerDefaults() {
    }

    static void reviewDefinition(ObjectNode d) {
        if (d.path("name").asText("").isBlank()) {
            d.put("name", d.path("id").asText());
        }
        ObjectNode scope = object(d, "scope");
        scope.put("privileged_only", scope.path("privileged_only").asBoolean(false));
        filters(scope);
        if (d.path("reviewers").isObject()) {
            d.get("reviewers").properties().forEach(e -> reviewer(e.getValue()));
        }
        JsonNode stages = d.path("stages");
        for (int i = 0; i < stages.size(); i++) {
            if (stages.get(i) instanceof ObjectNode stage) {
                if (stage.path("name").isMissingNode() || stage.path("name").isNull()) {
                    stage.put("name", "stage-" + (i + 1));
                }
                Canonical.respellDuration(stage, "duration");
                if (stage.path("advance_on").isMissingNode() || stage.path("advance_on").isNull()) {
                    stage.putArray("advance_on").add("ACCEPT").add("NO_RESPONSE");
                }
            }
        }
        text(d, "non_response", "NO_CHANGE");
        text(d, "comments", "REVOKE_ONLY");
        blankToAbsent(d, "fallback_reviewer");
        ObjectNode blast = object(d, "blast_radius");
        blast.put("max_auto_revoke_percent", blast.path("max_auto_revoke_percent").asInt(100));
        blankToAbsent(blast, "break_glass_group");
        ObjectNode remediation = object(d, "remediation");
        text(remediation, "mode", "AUTO");
        text(remediation, "managed_members", "manual");
        remediation.put("leave_groups", remediation.path("leave_groups").asBoolean(true));
        remediation.put("remove_composites", remediation.path("remove_composites").asBoolean(false));
        text(d, "inactive_after", "P30D");
        Canonical.respellDuration(d, "inactive_after");
        notifications(object(d, "notifications"));
        if (d.path("cadence_by_sensitivity") instanceof ObjectNode cadence) {
            List<String> classes = new ArrayList<>();
            cadence.fieldNames().forEachRemaining(classes::add);
            classes.forEach(c -> Canonical.respellDuration(cadence, c));
        }
    }

    /**
     * The server writes only the filters that narrow: {@code subjects: all} is left out, and so is a filters
     * object left empty; the period is re-spelt. Single attribute values are lists there (compared as such).
     */
    private static void filters(ObjectNode scope) {
        if (!(scope.get("filters") instanceof ObjectNode f)) {
            return;
        }
        Canonical.respellDuration(f, "inactive_for");
        if ("all".equals(f.path("subjects").asText(null))) {
            f.remove("subjects");
        }
        List<String> empty = new ArrayList<>();
        f.fieldNames().forEachRemaining(k -> {
            JsonNode v = f.get(k);
            if (v.isNull() || (v.isObject() && v.isEmpty())) {
                empty.add(k);
            }
        });
        f.remove(empty);
        if (f.isEmpty()) {
            scope.remove("filters");
        }
    }

    /** Assignment mails default on; reminders are kept largest first, every duration in the server's spelling. */
    private static void notifications(ObjectNode n) {
        n.put("assignment", n.path("assignment").asBoolean(true));
        Canonical.respellDuration(n, "escalate_after");
        blankToAbsent(n, "escalate_to");
        blankToAbsent(n, "webhook");
        JsonNode reminders = n.path("reminders");
        if (!reminders.isArray()) {
            return;
        }
        if (reminders.isEmpty()) {
            n.remove("reminders");
            return;
        }
        List<String> sorted = new ArrayList<>();
        reminders.forEach(r -> sorted.add(Canonical.isDuration(r.asText()) ? Duration.parse(r.asText()).toString() : r.asText()));
        sorted.sort(Comparator.comparing((String r) -> Canonical.isDuration(r) ? Duration.parse(r) : Duration.ZERO)
                .reversed());
        ArrayNode out = n.putArray("reminders");
        sorted.forEach(out::add);
    }

    /** The server fills in the attribute owner/manager resolvers read, keeps levels for managers only, drops empty user lists. */
    private static void reviewer(JsonNode node) {
        if (!(node instanceof ObjectNode r)) {
            return;
        }
        String type = r.path("type").asText();
        if (type.equals("owner")) {
            text(r, "attribute", "city-iam.owner");
        } else if (type.equals("manager")) {
            text(r, "attribute", "manager");
            r.put("levels", r.path("levels").asInt(3));
        }
        if (!type.equals("manager")) {
            r.remove("levels");
        }
        if (r.path("users").isArray() && r.path("users").isEmpty()) {
            r.remove("users");
        }
        blankToAbsent(r, "fallback");
    }

    static void birthright(ObjectNode p) {
        text(p, "mover_grace", "P14D");
        Canonical.respellDuration(p, "mover_grace");
        if (p.path("start_date_attribute").asText("").isBlank()) {
            p.put("start_date_attribute", "valid_from");
        }
    }

    /** lifecycle-jobs {@code LeaverSettings}: the defaults its GET fills in, durations in its spelling. */
    static void leaver(ObjectNode p) {
        flag(p, "enabled", false);
        text(p, "end_date_attribute", "valid_to");
        text(p, "hr_attribute", "hr_status");
        if (p.path("hr_left_values").isMissingNode() || p.path("hr_left_values").isNull()) {
            p.putArray("hr_left_values").add("left").add("terminated");
        }
        flag(p, "remove_access", true);
        flag(p, "unlink_identity_providers", true);
        text(p, "sla", "PT4H");
        durations(p, "sla", "anonymise_after");
    }

    /** lifecycle-jobs {@code HygieneThresholds}. */
    static void hygiene(ObjectNode p) {
        flag(p, "enabled", false);
        text(p, "interval", "P1D");
        text(p, "max_client_secret_age", "P365D");
        text(p, "service_account_unused_after", "P90D");
        text(p, "pending_password_change_after", "P14D");
        durations(p, "interval", "max_client_secret_age", "service_account_unused_after", "pending_password_change_after");
    }

    private static void flag(ObjectNode o, String field, boolean fallback) {
        if (o.path(field).isMissingNode() || o.path(field).isNull()) {
            o.put(field, fallback);
        }
    }

    private static void durations(ObjectNode o, String... fields) {
        for (String f : fields) {
            Canonical.respellDuration(o, f);
        }
    }

    private static ObjectNode object(ObjectNode parent, String field) {
        JsonNode v = parent.get(field);
        return v instanceof ObjectNode o ? o : parent.putObject(field);
    }

    private static void text(ObjectNode o, String field, String fallback) {
        if (o.path(field).isMissingNode() || o.path(field).isNull()) {
            o.put(field, fallback);
        }
    }

    private static void blankToAbsent(ObjectNode o, String field) {
        if (o.path(field).isTextual() && o.path(field).asText().isBlank()) {
            o.remove(field);
        }
    }
}
