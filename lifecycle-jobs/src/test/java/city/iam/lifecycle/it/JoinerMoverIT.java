package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LJ-32 and the mover half of S3 (LJ-33): a joiner in the water department gets the water group, the reader role
 * and a TOTP set-up, and stays disabled until the start date; moving to energy gives the energy group at once and
 * takes the water access away only after the seven-day grace, and opens a micro-review of his discretionary access
 * for his new manager, as a change of manager alone does; a role given by hand is never touched. Bad policies are refused with nothing changed.
 */
class JoinerMoverIT extends ClockedLifecycleIT {

    @Test
    void joinersWaitForTheirStartAndMoversKeepOldAccessForTheGrace(TestServer server) {
        city = new LifecycleRealm(server, "ljjoin", false);
        Http http = city.http;
        String admin = city.admin();
        Instant now = city.clock(0);
        city.allowUnmanagedAttributes();
        city.group("water");
        city.group("energy");
        assertEquals(201, http.postJson(city.realm.adminPath("/roles"), admin, Map.of("name", "water-reader")).status());
        assertEquals(201, http.postJson(city.realm.adminPath("/roles"), admin, Map.of("name", "grid-reader")).status());
        city.realm.user("ada", "Ada-pass-1", "auditor");

        Map<String, Object> policy = Map.of("mover_grace", "P7D", "rules", List.of(
                Map.of("id", "water", "when", Map.of("attribute", "department", "in", List.of("water")),
                        "groups", List.of("/water"), "realm_roles", List.of("water-reader"), "required_actions", List.of("CONFIGURE_TOTP")),
                Map.of("id", "energy", "when", Map.of("attribute", "department", "in", List.of("energy")),
                        "groups", List.of("/energy"), "realm_roles", List.of("grid-reader"))));
        String ada = city.realm.token("ada", "Ada-pass-1");
        assertEquals(403, http.putJson(city.path("/policies/birthright"), ada, policy).status(), "auditors change nothing");
        for (Map<String, ?> bad : List.<Map<String, ?>>of(
                Map.of("rules", List.of(Map.of("id", "x", "when", Map.of("attribute", "department", "in", List.of("a")), "groups", List.of("/nope")))),
                Map.of("rules", List.of(Map.of("id", "x", "when", Map.of("attribute", "department", "in", List.of("a")), "realm_roles", List.of("nope")))),
                Map.of("rules", List.of(Map.of("id", "x", "when", Map.of("attribute", "department", "in", List.of("a")), "groups", List.of("/water"),
                        "required_actions", List.of("NOPE")))),
                Map.of("mover_grace", "-P1D", "rules", List.of(Map.of("id", "x", "when", Map.of("attribute", "d", "in", List.of("a")), "groups", List.of("/water")))),
                Map.of("rules", List.of(Map.of("id", "x", "when", Map.of("attribute", "d", "in", List.of("a")), "groups", List.of("/water"), "colour", "red"))))) {
            Http.Reply r = http.putJson(city.path("/policies/birthright"), admin, bad);
            assertEquals(400, r.status(), bad + " -> " + r);
        }
        assertEquals(404, http.get(city.path("/policies/birthright"), admin).status(), "refusals stored nothing");
        Http.Reply put = http.putJson(city.path("/policies/birthright"), admin, policy);
        assertEquals(201, put.status(), put.toString());

        String starts = now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(2).toString();
        String joe = city.realm.user("joe", "Joe-pass-1");
        city.userAttributes(joe, Map.of("department", "water", "valid_from", starts));
        String handGiven = city.realm.user("hana", "Hana-pass-1");
        city.userAttributes(handGiven, Map.of("department", "water"));
        JsonNode reader = http.get(city.realm.adminPath("/roles/water-reader"), admin).json();
        assertEquals(204, http.postJson(city.realm.adminPath("/users/" + handGiven + "/role-mappings/realm"), admin, List.of(reader)).status());

        city.runToCompletion("birthright");
        JsonNode joeNow = city.user(joe);
        assertFalse(joeNow.get("enabled").asBoolean(), "disabled until the start date");
        assertEquals(List.of("/water"), groups(joe));
        assertTrue(realmRoles(joe).contains("water-reader"));
        assertTrue(joeNow.get("requiredActions").toString().contains("CONFIGURE_TOTP"), joeNow.toString());

        city.clock(2.1);
        city.runToCompletion("birthright");
        assertTrue(city.user(joe).get("enabled").asBoolean(), "enabled on the start date");

        // Joe also holds a role by hand; a mover review looks at that (not at what the rules gave) with his new manager.
        assertEquals(201, http.postJson(city.realm.adminPath("/roles"), city.admin(), Map.of("name", "reports-read")).status());
        JsonNode reports = http.get(city.realm.adminPath("/roles/reports-read"), city.admin()).json();
        assertEquals(204, http.postJson(city.realm.adminPath("/users/" + joe + "/role-mappings/realm"), city.admin(), List.of(reports)).status());
        String mia = city.realm.user("mia", "Mia-pass-1");
        city.realm.user("rev", "Rev-pass-1", "review-admin");
        String rev = city.realm.token("rev", "Rev-pass-1");
        Map<String, Object> moverReview = Map.of("id", "mover-review", "trigger", "mover",
                "scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "water-reader"), Map.of("type", "realm_role", "name", "grid-reader"),
                        Map.of("type", "realm_role", "name", "reports-read"), Map.of("type", "group", "path", "/water"))),
                "reviewers", Map.of("manager", Map.of("type", "manager")), "stages", List.of(Map.of("duration", "P7D", "reviewer", "manager")));
        Http.Reply both = http.postJson("/admin/realms/" + city.realm.name() + "/access-reviews/definitions", rev,
                Map.of("id", "both", "trigger", "mover", "recurrence", Map.of("every", "P90D"), "scope", moverReview.get("scope"),
                        "reviewers", moverReview.get("reviewers"), "stages", moverReview.get("stages")));
        assertEquals(400, both.status(), both.toString());
        assertEquals(201, http.postJson("/admin/realms/" + city.realm.name() + "/access-reviews/definitions", rev, moverReview).status());

        city.userAttributes(joe, Map.of("department", "energy", "manager", "mia"));
        city.runToCompletion("birthright");
        assertEquals(List.of("/energy", "/water"), groups(joe), "new access at once, old access kept for the grace");
        JsonNode moved = audit(joe, "lifecycle.mover.moved");
        assertEquals("energy", moved.at("/payload/rules").asText(), moved.toString());
        assertEquals("water", moved.at("/payload/previous_rules").asText());
        String campaign = moved.at("/payload/micro_reviews").asText();
        JsonNode opened = http.get("/admin/realms/" + city.realm.name() + "/access-reviews/campaigns/" + campaign, rev).json();
        assertEquals("mover:joe", opened.get("triggered_by").asText(), opened.toString());
        JsonNode items = http.get("/admin/realms/" + city.realm.name() + "/access-reviews/campaigns/" + campaign + "/items", rev).json();
        assertEquals(1, items.size(), "only the discretionary grant, not the rules' water access on its way out: " + items);
        assertEquals("reports-read", items.get(0).get("access").asText());
        assertEquals(mia, items.get(0).get("reviewer_id").asText(), "the new manager reviews");
        assertEquals(1, http.get("/realms/" + city.realm.name() + "/access-reviews/my-items", city.realm.token("mia", "Mia-pass-1")).json().size());

        // A new manager alone is a move too: the same micro-review, now for max.
        String max = city.realm.user("max", "Max-pass-1");
        city.userAttributes(joe, Map.of("department", "energy", "manager", "max"));
        city.runToCompletion("birthright");
        JsonNode managerChanged = audit(joe, "lifecycle.mover.manager-changed");
        assertEquals("mia", managerChanged.at("/payload/previous_manager").asText(), managerChanged.toString());
        JsonNode second = http.get("/admin/realms/" + city.realm.name() + "/access-reviews/campaigns/"
                + managerChanged.at("/payload/micro_reviews").asText() + "/items", rev).json();
        assertEquals(1, second.size(), second.toString());
        assertEquals(max, second.get(0).get("reviewer_id").asText());
        city.runToCompletion("birthright");
        audit(joe, "lifecycle.mover.manager-changed"); // still one: the next run sees no change

        city.clock(9.5);
        city.runToCompletion("birthright");
        assertEquals(List.of("/energy"), groups(joe), "the water group went after the grace");
        assertFalse(realmRoles(joe).contains("water-reader"));
        assertTrue(realmRoles(joe).contains("grid-reader"));

        city.userAttributes(handGiven, Map.of("department", "energy"));
        city.runToCompletion("birthright");
        city.clock(18);
        city.runToCompletion("birthright");
        assertTrue(realmRoles(handGiven).contains("water-reader"), "a role given by hand is never removed by the rules");
        assertEquals(List.of("/energy"), groups(handGiven));
    }

    private List<String> groups(String id) {
        return StreamSupport.stream(city.http.get(city.realm.adminPath("/users/" + id + "/groups"), city.admin()).json().spliterator(), false)
                .map(g -> g.get("path").asText()).sorted().toList();
    }

    private String realmRoles(String id) {
        return city.http.get(city.realm.adminPath("/users/" + id + "/role-mappings/realm"), city.admin()).body();
    }

    private final Set<String> auditors = new HashSet<>();

    private JsonNode audit(String userId, String action) {
        if (auditors.add("auditor-" + action.hashCode())) {
            city.realm.user("auditor-" + action.hashCode(), "Aud-pass-1", "auditor");
        }
        String token = city.realm.token("auditor-" + action.hashCode(), "Aud-pass-1");
        JsonNode entries = city.http.get(city.realm.adminPath("/city-iam/audit?subject=" + userId + "&action=" + action), token).json();
        assertEquals(1, entries.size(), entries.toString());
        return entries.get(0);
    }
}
