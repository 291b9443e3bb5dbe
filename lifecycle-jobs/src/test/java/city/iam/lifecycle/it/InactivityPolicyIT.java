package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static city.iam.lifecycle.it.LifecycleRealm.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy endpoint: bad input is a 400 that changes nothing; who may read and change it; admin events. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InactivityPolicyIT {

    private static final String POLICY = "/policies/inactivity";

    private LifecycleRealm city;
    private Http http;
    private String reviewAdmin;
    private String auditor;
    private String nobody;

    @BeforeAll
    void setUp(TestServer server) {
        city = new LifecycleRealm(server, "ljpolicy", false);
        http = city.http;
        assertEquals(201, http.postJson(city.realm.adminPath("/groups"), city.admin(), Map.of("name", "break-glass")).status());
        LifecycleRealm.Callers callers = city.callers();
        reviewAdmin = callers.reviewAdmin();
        auditor = callers.auditor();
        nobody = callers.nobody();
    }

    private static Map<String, Object> policy() {
        return new HashMap<>(Map.of("warn_after", "P60D", "disable_after", "P90D", "delete_after", "P180D",
                "final_action", "anonymise", "never_logged_in_grace", "P30D", "exempt_groups", List.of("/break-glass")));
    }

    private static Map<String, Object> with(String field, Object value) {
        Map<String, Object> p = policy();
        p.put(field, value);
        return p;
    }


    @Test
    void badInputIsRefusedAndChangesNothing() {
        Http.Reply created = http.putJson(city.path(POLICY), reviewAdmin, policy());
        assertTrue(created.status() == 201 || created.status() == 200, created.toString());
        JsonNode stored = http.get(city.path(POLICY), reviewAdmin).json();

        error(400, "invalid_stage_order", http.putJson(city.path(POLICY), reviewAdmin, with("disable_after", "P200D")));
        error(400, "invalid_stage_order", http.putJson(city.path(POLICY), reviewAdmin, with("warn_after", "P90D")));
        error(400, "invalid_period", http.putJson(city.path(POLICY), reviewAdmin, with("warn_after", "P0D")));
        error(400, "invalid_period", http.putJson(city.path(POLICY), reviewAdmin, with("warn_after", "-P5D")));
        error(400, "invalid_period", http.putJson(city.path(POLICY), reviewAdmin, with("delete_after", "P6M")));
        error(400, "invalid_period", http.putJson(city.path(POLICY), reviewAdmin, with("never_logged_in_grace", "soon")));
        error(400, "missing_field", http.putJson(city.path(POLICY), reviewAdmin, with("final_action", null)));
        error(400, "invalid_final_action", http.putJson(city.path(POLICY), reviewAdmin, with("final_action", "purge")));
        error(400, "unknown_group", http.putJson(city.path(POLICY), reviewAdmin, with("exempt_groups", List.of("/no-such-group"))));
        error(400, "invalid_json", http.putJson(city.path(POLICY), reviewAdmin, with("warnAfter", "P60D")));
        error(400, "invalid_json", http.putJson(city.path(POLICY), reviewAdmin, "{not json"));
        error(400, "missing_body", http.putJson(city.path(POLICY), reviewAdmin, ""));
        error(413, "request_too_large", http.putJson(city.path(POLICY), reviewAdmin, with("exempt_groups", List.of("x".repeat(70_000)))));

        assertEquals(stored, http.get(city.path(POLICY), reviewAdmin).json(), "refused requests changed nothing");
    }

    @Test
    void versionsCountAndEveryChangeIsAnAdminEvent() {
        int before = http.putJson(city.path(POLICY), city.admin(), policy()).json().get("version").asInt();
        JsonNode updated = http.putJson(city.path(POLICY), city.admin(), with("warn_after", "P45D")).json();
        assertEquals(before + 1, updated.get("version").asInt());
        assertEquals("P45D", updated.get("warn_after").asText());
        assertEquals(List.of("/break-glass"), List.of(updated.get("exempt_groups").get(0).asText()));
        JsonNode events = http.get(city.realm.adminPath("/admin-events?max=200"), city.admin()).json();
        long policyEvents = 0;
        for (JsonNode e : events) {
            if ("CITYIAM_LIFECYCLE_POLICY".equals(e.path("resourceType").asText())) {
                policyEvents++;
            }
        }
        assertTrue(policyEvents >= 2, events.toString());
    }

    @Test
    void rolesAreChecked() {
        assertEquals(401, http.get(city.path(POLICY), null).status());
        error(403, "forbidden", http.get(city.path(POLICY), nobody));
        error(403, "forbidden", http.putJson(city.path(POLICY), auditor, policy()));
        error(403, "forbidden", http.putJson(city.path(POLICY), nobody, policy()));
        assertEquals(401, http.putJson(city.path(POLICY), null, policy()).status());
        assertTrue(List.of(200, 201).contains(http.putJson(city.path(POLICY), reviewAdmin, policy()).status()));
        assertEquals(200, http.get(city.path(POLICY), auditor).status());
        assertEquals(200, http.get(city.path(POLICY), reviewAdmin).status());
        assertEquals(200, http.putJson(city.path(POLICY), city.admin(), policy()).status(), "realm administrators manage users too");
        error(403, "forbidden", http.delete(city.path(POLICY), auditor));
    }

    @Test
    void aDeletedPolicyIs404UntilSetAgain(TestServer server) {
        LifecycleRealm other = new LifecycleRealm(server, "ljnopolicy", false);
        error(404, "no_policy", other.http.get(other.path(POLICY), other.admin()));
        error(404, "no_policy", other.http.delete(other.path(POLICY), other.admin()));
        Map<String, Object> p = policy();
        p.remove("exempt_groups");
        assertEquals(201, other.http.putJson(other.path(POLICY), other.admin(), p).status());
        assertEquals(204, other.http.delete(other.path(POLICY), other.admin()).status());
        error(404, "no_policy", other.http.get(other.path(POLICY), other.admin()));
        // Without a policy the sweep looks at nobody.
        JsonNode run = other.runToCompletion("inactivity");
        assertEquals(0, run.get("processed").asLong(), run.toString());
    }
}
