package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario S2 (LJ-30, LJ-31): warn at 60 days, disable at 90, delete at 180, creation grace 30 days, the
 * {@code break-glass} group exempt. u1 logs in and goes idle, u2 never logs in, u3 is break-glass, u4 logs in
 * again between the warning and the disable. The server clock is moved with the test clock.
 */
class InactivityScenarioIT extends ClockedLifecycleIT {

    @Test
    void warnDisableDeleteWithNeverLoggedInBreakGlassAndReset(TestServer server) {
        city = new LifecycleRealm(server, "s2", true);
        Http http = city.http;
        Http.Reply group = http.postJson(city.realm.adminPath("/groups"), city.admin(), Map.of("name", "break-glass"));
        assertEquals(201, group.status(), group.toString());
        String breakGlass = group.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");

        Http.Reply policy = http.putJson(city.path("/policies/inactivity"), city.admin(), Map.of(
                "warn_after", "P60D", "disable_after", "P90D", "delete_after", "P180D", "final_action", "delete",
                "never_logged_in_grace", "P30D", "exempt_groups", List.of("/break-glass")));
        assertEquals(201, policy.status(), policy.toString());
        assertEquals(1, policy.json().get("version").asInt());

        Instant day0 = city.clock(0);
        String u1 = city.realm.user("user1", "User1-pass-1");
        String u2 = city.realm.user("user2", "User2-pass-1");
        String u3 = city.realm.user("user3", "User3-pass-1");
        String u4 = city.realm.user("user4", "User4-pass-1");
        String ada = city.realm.user("ada", "Ada-pass-1", "auditor");
        for (String member : List.of(u3, ada)) {
            assertEquals(204, http.putJson(city.realm.adminPath("/users/" + member + "/groups/" + breakGlass), city.admin(), "").status());
        }
        for (String n : List.of("1", "3", "4")) {
            city.realm.token("user" + n, "User" + n + "-pass-1");
        }
        for (String id : List.of(u1, u3, u4)) {
            city.awaitLastAuth(id, day0.minusSeconds(5));
        }

        // Day 61: u1, u2 (grace over) and u4 are warned; u3 is exempt.
        city.clock(61);
        JsonNode first = city.runToCompletion("inactivity");
        assertTrue(first.get("processed").asLong() >= 5, first.toString());
        assertEquals(Set.of(u1, u2, u4), noticed("WARN"));
        JsonNode warning = notices("?user=" + u1).get(0);
        assertEquals("no_smtp", warning.get("email").asText(), "the realm has no SMTP: the notice records it, nothing is sent");
        assertEquals("user1", warning.get("username").asText());
        assertTrue(warning.get("idle_days").asLong() >= 60 && warning.get("idle_days").asLong() <= 61, warning.toString());

        JsonNode again = city.runToCompletion("inactivity");
        // The scheduler may have swept first (it ticks every few seconds in tests); either way a repeat changes nothing.
        assertEquals(0, again.get("changed").asLong(), "never warned twice for one stage: " + again);
        assertEquals(3, notices("?action=WARN").size());

        // u4 signs in after the warning.
        Instant day61 = city.clock(61);
        city.realm.token("user4", "User4-pass-1");
        city.awaitLastAuth(u4, day61.minusSeconds(5));

        // Day 91: u1 and u2 disabled with their sessions, u3 untouched, u4 back to active.
        city.clock(91);
        city.runToCompletion("inactivity");
        assertFalse(user(u1).get("enabled").asBoolean());
        assertFalse(user(u2).get("enabled").asBoolean());
        assertTrue(user(u3).get("enabled").asBoolean());
        assertTrue(user(u4).get("enabled").asBoolean());
        assertEquals(0, http.get(city.realm.adminPath("/users/" + u1 + "/sessions"), city.admin()).json().size());
        assertEquals(Set.of(u1, u2), noticed("DISABLE"));
        assertEquals(Set.of(u4), noticed("RESET"));
        Http.Reply login = http.postForm("/realms/" + city.realm.name() + "/protocol/openid-connect/token", null,
                Map.of("grant_type", "password", "client_id", "admin-cli", "username", "user1", "password", "User1-pass-1"));
        assertEquals(400, login.status(), "a disabled user cannot sign in: " + login);

        // Day 181: u1 and u2 deleted, tombstones kept; u4 (idle since day 61) warned again; u3 still exempt.
        city.clock(181);
        city.runToCompletion("inactivity");
        assertEquals(404, http.get(city.realm.adminPath("/users/" + u1), city.admin()).status());
        assertEquals(404, http.get(city.realm.adminPath("/users/" + u2), city.admin()).status());
        assertTrue(user(u3).get("enabled").asBoolean());
        assertTrue(user(u4).get("enabled").asBoolean());
        assertEquals(Set.of(u1, u2), noticed("DELETE"));
        JsonNode tombstone = notices("?user=" + u1 + "&action=DELETE").get(0);
        assertTrue(tombstone.get("username") == null || tombstone.get("username").isNull(), "a tombstone keeps no name: " + tombstone);
        assertEquals(1, tombstone.get("policy_version").asInt());
        assertTrue(tombstone.get("idle_days").asLong() >= 180, tombstone.toString());
        assertEquals(2, notices("?user=" + u4 + "&action=WARN").size(), "u4's new idle episode was warned");
        assertTrue(noticed("WARN").containsAll(Set.of(u1, u2, u4)));
        assertFalse(noticedAny().contains(u3), "break-glass users are never acted on");

        // Every action is in the audit chain (by the system actor) and in the admin events; the chain verifies.
        String auditor = city.realm.token("ada", "Ada-pass-1");
        JsonNode deletes = http.get(city.realm.adminPath("/city-iam/audit?action=lifecycle.inactivity.delete"), auditor).json();
        assertEquals(2, deletes.size(), deletes.toString());
        assertEquals("system", deletes.get(0).at("/actor/type").asText());
        assertEquals("lifecycle-inactivity", deletes.get(0).at("/actor/id").asText());
        assertEquals(3 + 2 + 1 + 2 + 1, http.get(city.realm.adminPath("/city-iam/audit?max=1000"), auditor).json().findValues("action").stream()
                .filter(a -> a.asText().startsWith("lifecycle.inactivity.")).count(), "warn x3, disable x2, reset, delete x2, warn");
        JsonNode report = http.postJson(city.realm.adminPath("/city-iam/audit/verify"), auditor, "").json();
        assertTrue(report.get("valid").asBoolean(), report.toString());
        JsonNode events = http.get(city.realm.adminPath("/admin-events?max=500"), city.admin()).json();
        long deleteEvents = StreamSupport.stream(events.spliterator(), false)
                .filter(e -> "CITYIAM_LIFECYCLE_USER".equals(e.path("resourceType").asText()) && "DELETE".equals(e.path("operationType").asText()))
                .count();
        assertEquals(2, deleteEvents, events.toString());
        long updateEvents = StreamSupport.stream(events.spliterator(), false)
                .filter(e -> "CITYIAM_LIFECYCLE_USER".equals(e.path("resourceType").asText()) && "UPDATE".equals(e.path("operationType").asText()))
                .count();
        assertEquals(2, updateEvents, "the two disables; warnings and resets change no account: " + events);

        JsonNode history = http.get(city.path("/runs?job=inactivity"), city.admin()).json();
        assertTrue(history.size() >= 4, history.toString());
        history.forEach(run -> assertTrue(List.of("DONE", "RUNNING").contains(run.get("status").asText()), history.toString()));
    }

    private JsonNode user(String id) {
        Http.Reply r = city.http.get(city.realm.adminPath("/users/" + id), city.admin());
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private JsonNode notices(String query) {
        Http.Reply r = city.http.get(city.path("/inactivity/notices" + query), city.admin());
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private Set<String> noticed(String action) {
        return StreamSupport.stream(notices("?action=" + action + "&max=1000").spliterator(), false)
                .map(n -> n.get("user_id").asText()).collect(Collectors.toSet());
    }

    private Set<String> noticedAny() {
        return StreamSupport.stream(notices("?max=1000").spliterator(), false)
                .map(n -> n.get("user_id").asText()).collect(Collectors.toSet());
    }

}
