package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LJ-39 against Keycloak's own Workflows (on by default in 26.7): a workflow run on user creation opens a
 * one-person access review through {@code city-iam-start-review} and records evidence through
 * {@code city-iam-record-evidence}; a workflow step and the inactivity sweep never disable a user twice, and
 * only the one that disabled the user records a disable.
 */
class WorkflowInteropIT extends ClockedLifecycleIT {

    @Test
    void workflowsOpenReviewsRecordEvidenceAndNeverDisableTwice(TestServer server) {
        city = new LifecycleRealm(server, "ljwf", false);
        Http http = city.http;
        String admin = city.admin();
        city.clock(0);
        city.group("water");
        String staff = city.group("break-glass");
        String rev = city.realm.user("rev", "Rev-pass-1", "review-admin");
        String ada = city.realm.user("ada", "Ada-pass-1", "auditor");
        for (String helper : List.of(rev, ada)) {
            assertEquals(204, http.putJson(city.realm.adminPath("/users/" + helper + "/groups/" + staff), admin, "").status());
        }
        String reviews = "/admin/realms/" + city.realm.name() + "/access-reviews";
        Http.Reply definition = http.postJson(reviews + "/definitions", city.realm.token("rev", "Rev-pass-1"), Map.of("id", "joiner-review",
                "scope", Map.of("selectors", List.of(Map.of("type", "group", "path", "/water"))),
                "reviewers", Map.of("manager", Map.of("type", "manager")), "stages", List.of(Map.of("duration", "P7D", "reviewer", "manager"))));
        assertEquals(201, definition.status(), definition.toString());

        String workflows = city.realm.adminPath("/workflows");
        Http.Reply unknown = http.postJson(workflows, admin, Map.of("name", "bad", "on", "user-created",
                "steps", List.of(Map.of("uses", "city-iam-start-review", "with", Map.of("definition", "nope")))));
        assertEquals(400, unknown.status(), unknown.toString());
        assertEquals(0, http.get(workflows, admin).json().size(), "a refused workflow is not stored");
        Http.Reply joiner = http.postJson(workflows, admin, Map.of("name", "joiner-review", "on", "user-created", "steps", List.of(
                Map.of("uses", "city-iam-start-review", "with", Map.of("definition", "joiner-review")),
                Map.of("uses", "city-iam-record-evidence", "with", Map.of("action", "joiner-review")))));
        assertEquals(201, joiner.status(), joiner.toString());

        // A joiner created straight into /water: the workflow opens a review of that access, and says so.
        Http.Reply created = http.postJson(city.realm.adminPath("/users"), admin, Map.of("username", "wendy", "enabled", true,
                "groups", List.of("/water")));
        assertEquals(201, created.status(), created.toString());
        String wendy = created.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        JsonNode started = awaitEntry(wendy, "lifecycle.workflow.review-started", e -> true);
        assertEquals("opened", started.at("/payload/outcome").asText(), started.toString());
        assertEquals("joiner-review", started.at("/payload/workflow").asText());
        assertEquals("system", started.at("/actor/type").asText(), started.toString());
        assertEquals("workflow:joiner-review", started.at("/actor/name").asText(), "the workflow is the actor, named: " + started);
        String campaign = started.at("/payload/campaign_id").asText();
        JsonNode items = http.get(reviews + "/campaigns/" + campaign + "/items", city.realm.token("rev", "Rev-pass-1")).json();
        assertEquals(1, items.size(), items.toString());
        assertEquals(wendy, items.get(0).get("user_id").asText());
        JsonNode evidence = awaitEntry(wendy, "lifecycle.workflow.evidence", e -> true);
        assertEquals("joiner-review", evidence.at("/payload/action").asText(), evidence.toString());
        assertEquals("city-iam-start-review", evidence.at("/payload/previous_step").asText());
        assertEquals("user-created", evidence.at("/payload/trigger").asText());

        // Never disable twice: one user disabled by a workflow, one by the inactivity sweep; each is disabled, and recorded, once.
        Http.Reply policy = http.putJson(city.path("/policies/inactivity"), admin, Map.of("warn_after", "P60D", "disable_after", "P90D",
                "delete_after", "P180D", "final_action", "delete", "never_logged_in_grace", "P30D", "exempt_groups", List.of("/break-glass")));
        assertEquals(201, policy.status(), policy.toString());
        String ann = city.realm.user("ann", "Ann-pass-1");
        String bob = city.realm.user("bob", "Bob-pass-1");
        Http.Reply offboard = http.postJson(workflows, admin, Map.of("name", "offboard", "steps", List.of(
                Map.of("uses", "city-iam-disable-user"),
                Map.of("uses", "city-iam-record-evidence", "with", Map.of("action", "offboard")))));
        assertEquals(201, offboard.status(), offboard.toString());
        String offboardId = offboard.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");

        city.clock(61);
        city.runToCompletion("inactivity");
        offboard(offboardId, ann, 1);
        assertFalse(city.user(ann).get("enabled").asBoolean());
        assertEquals(1, entries(ann, "lifecycle.workflow.disabled").size());

        city.clock(91);
        city.runToCompletion("inactivity");
        assertFalse(city.user(bob).get("enabled").asBoolean());
        assertEquals(1, entries(bob, "lifecycle.inactivity.disable").size());
        assertEquals(0, entries(ann, "lifecycle.inactivity.disable").size(), "the sweep does not disable ann again");
        assertEquals(1, entries(ann, "lifecycle.inactivity.already-disabled").size(), "it notes her stage, as already disabled");

        JsonNode bobEvidence = offboard(offboardId, bob, 1);
        assertFalse(bobEvidence.at("/payload/user_enabled").asBoolean(), bobEvidence.toString());
        assertEquals(0, entries(bob, "lifecycle.workflow.disabled").size(), "the workflow does not disable bob again");
        offboard(offboardId, ann, 2);
        assertEquals(1, entries(ann, "lifecycle.workflow.disabled").size(), "a second run of the workflow disables nothing");
    }

    /** Runs the offboard workflow for a user and waits for its evidence entry number {@code nth}. */
    private JsonNode offboard(String workflowId, String userId, int nth) {
        Http.Reply r = city.http.postJson(city.realm.adminPath("/workflows/" + workflowId + "/activate/USERS/" + userId), city.admin(), "");
        assertEquals(204, r.status(), r.toString());
        Predicate<JsonNode> offboarding = e -> e.at("/payload/action").asText().equals("offboard");
        JsonNode last = LifecycleRealm.await("evidence " + nth + " of offboarding " + userId, () -> {
            List<JsonNode> found = entries(userId, "lifecycle.workflow.evidence").stream().filter(offboarding).toList();
            return found.size() >= nth ? found.get(0) : null;
        });
        // The execution ends just after its last step: wait until Keycloak no longer holds it for the user.
        LifecycleRealm.await("workflow execution for " + userId + " to end", () ->
                city.http.get(city.realm.adminPath("/workflows/scheduled/" + userId), city.admin()).json().isEmpty() ? true : null);
        return last;
    }

    private JsonNode awaitEntry(String subject, String action, Predicate<JsonNode> which) {
        return LifecycleRealm.await(action + " for " + subject, () -> entries(subject, action).stream().filter(which).findFirst().orElse(null));
    }

    private List<JsonNode> entries(String subject, String action) {
        String token = city.realm.token("ada", "Ada-pass-1");
        Http.Reply r = city.http.get(city.realm.adminPath("/city-iam/audit?subject=" + subject + "&action=" + action), token);
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.json().isArray(), r.toString());
        return StreamSupport.stream(r.json().spliterator(), false).toList();
    }
}
