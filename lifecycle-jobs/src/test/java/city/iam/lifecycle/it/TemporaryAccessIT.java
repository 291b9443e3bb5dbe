package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LJ-35: a group membership and a client role given for five days; a notice three days before the end; both
 * removed at expiry while a permanent role stays; an early end by an admin; bad requests refused unchanged.
 */
class TemporaryAccessIT extends ClockedLifecycleIT {

    @Test
    void grantsEndAtExpiryWithANoticeBefore(TestServer server) {
        city = new LifecycleRealm(server, "ljtemp", false);
        Http http = city.http;
        Instant now = city.clock(0);
        city.group("incident-response");
        String platform = city.createClient("data-platform", "dp-secret-1");
        assertEquals(201, http.postJson(city.realm.adminPath("/clients/" + platform + "/roles"), city.admin(), Map.of("name", "export")).status());
        assertEquals(201, http.postJson(city.realm.adminPath("/roles"), city.admin(), Map.of("name", "staff")).status());
        String tia = city.realm.user("tia", "Tia-pass-1");
        JsonNode staff = http.get(city.realm.adminPath("/roles/staff"), city.admin()).json();
        assertEquals(204, http.postJson(city.realm.adminPath("/users/" + tia + "/role-mappings/realm"), city.admin(), List.of(staff)).status());
        city.realm.user("rita", "Rita-pass-1", "review-admin");
        city.realm.user("ada", "Ada-pass-1", "auditor");
        String rita = city.realm.token("rita", "Rita-pass-1");
        String ada = city.realm.token("ada", "Ada-pass-1");

        String until = now.plusSeconds(5 * 86_400).toString();
        Http.Reply byAuditor = http.postJson(city.path("/temporary-grants"), ada, Map.of("user", "tia", "group", "/incident-response",
                "until", until, "reason", "x"));
        assertEquals(403, byAuditor.status(), "auditors grant nothing: " + byAuditor);
        for (Map<String, Object> bad : List.of(
                grant(Map.of("group", "/no-such-group", "until", until)),
                grant(Map.of("group", "/incident-response", "until", now.minusSeconds(60).toString())),
                grant(Map.of("group", "/incident-response", "duration", "P400D")),
                grant(Map.of("group", "/incident-response")),
                grant(Map.of("realm_role", "staff", "group", "/incident-response", "until", until)),
                grant(Map.of("client", "data-platform", "client_role", "nope", "until", until)))) {
            Http.Reply r = http.postJson(city.path("/temporary-grants"), rita, bad);
            assertEquals(400, r.status(), bad + " -> " + r);
        }
        Map<String, Object> noReason = grant(Map.of("group", "/incident-response", "until", until));
        noReason.remove("reason");
        assertEquals(400, http.postJson(city.path("/temporary-grants"), rita, noReason).status());
        Http.Reply permanent = http.postJson(city.path("/temporary-grants"), rita, grant(Map.of("realm_role", "staff", "until", until)));
        assertEquals(409, permanent.status(), "a permanent role is not made temporary: " + permanent);
        assertEquals(0, http.get(city.path("/temporary-grants"), rita).json().size(), "refusals changed nothing");
        assertEquals(0, http.get(city.realm.adminPath("/users/" + tia + "/groups"), city.admin()).json().size());

        Http.Reply g1 = http.postJson(city.path("/temporary-grants"), rita, grant(Map.of("group", "/incident-response", "until", until)));
        assertEquals(201, g1.status(), g1.toString());
        assertEquals("ACTIVE", g1.json().get("status").asText());
        Http.Reply g2 = http.postJson(city.path("/temporary-grants"), rita, grant(Map.of("client", "data-platform", "client_role", "export",
                "duration", "P5D")));
        assertEquals(201, g2.status(), g2.toString());
        Http.Reply g3 = http.postJson(city.path("/temporary-grants"), rita, grant(Map.of("client", "data-platform", "client_role", "export",
                "duration", "P5D")));
        assertEquals(409, g3.status(), "held already, through the first grant: " + g3);
        assertEquals(1, http.get(city.realm.adminPath("/users/" + tia + "/groups"), city.admin()).json().size());
        assertTrue(http.get(city.realm.adminPath("/users/" + tia + "/role-mappings/clients/" + platform), city.admin()).body().contains("export"));

        city.clock(2.5);
        city.runToCompletion("temporary-access");
        ada = city.realm.token("ada", "Ada-pass-1");
        JsonNode noticed = http.get(city.path("/temporary-grants/" + g1.json().get("id").asText()), ada).json();
        assertEquals("no_smtp", noticed.get("notice_status").asText(), noticed.toString());
        assertEquals(1, http.get(city.realm.adminPath("/users/" + tia + "/groups"), city.admin()).json().size(), "not ended yet");

        city.clock(5.1);
        city.runToCompletion("temporary-access");
        rita = city.realm.token("rita", "Rita-pass-1");
        assertEquals(0, http.get(city.realm.adminPath("/users/" + tia + "/groups"), city.admin()).json().size(), "group membership ended");
        assertFalse(http.get(city.realm.adminPath("/users/" + tia + "/role-mappings/clients/" + platform), city.admin()).body().contains("export"));
        assertTrue(http.get(city.realm.adminPath("/users/" + tia + "/role-mappings/realm"), city.admin()).body().contains("staff"), "permanent role kept");
        JsonNode expired = http.get(city.path("/temporary-grants?status=EXPIRED&user=" + tia), city.admin()).json();
        assertEquals(2, expired.size(), expired.toString());

        Http.Reply again = http.postJson(city.path("/temporary-grants"), rita, grant(Map.of("group", "/incident-response", "duration", "P1D")));
        assertEquals(201, again.status());
        String againId = again.json().get("id").asText();
        assertEquals(204, http.delete(city.path("/temporary-grants/" + againId), rita).status());
        assertEquals("ENDED", http.get(city.path("/temporary-grants/" + againId), rita).json().get("status").asText());
        assertEquals(409, http.delete(city.path("/temporary-grants/" + againId), rita).status());
        assertEquals(404, http.delete(city.path("/temporary-grants/nope"), rita).status());
        assertEquals(0, http.get(city.realm.adminPath("/users/" + tia + "/groups"), city.admin()).json().size());
    }

    private static Map<String, Object> grant(Map<String, Object> target) {
        Map<String, Object> body = new HashMap<>(target);
        body.put("user", "tia");
        body.put("reason", "Storm incident INC-4711");
        return body;
    }
}
