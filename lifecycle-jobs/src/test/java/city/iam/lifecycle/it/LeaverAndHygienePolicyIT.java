package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static city.iam.lifecycle.it.LifecycleRealm.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The leaver and hygiene settings as policy documents: defaults until set, bad input a 400 that changes nothing,
 * the inactivity policy's roles, an admin event and an audit entry per change, and the leaver job following what
 * was written through the API.
 */
class LeaverAndHygienePolicyIT extends ClockedLifecycleIT {

    private static final String LEAVER = "/policies/leaver";
    private static final String HYGIENE = "/policies/hygiene";

    private Http http;
    private LifecycleRealm.Callers as;

    @BeforeAll
    void setUp(TestServer server) {
        city = new LifecycleRealm(server, "ljsettings", false);
        http = city.http;
        city.clock(0);
        as = city.callers();
    }

    @Test
    void unsetSettingsReadAsTheirDefaultsAndDeleteReturnsToThem(TestServer server) {
        LifecycleRealm fresh = new LifecycleRealm(server, "ljdefaults", false);
        JsonNode leaver = get(fresh, LEAVER);
        assertFalse(leaver.get("enabled").asBoolean(), leaver.toString());
        assertEquals("valid_to", leaver.get("end_date_attribute").asText());
        assertEquals("hr_status", leaver.get("hr_attribute").asText());
        assertEquals(List.of("left", "terminated"), List.of(leaver.get("hr_left_values").get(0).asText(), leaver.get("hr_left_values").get(1).asText()));
        assertTrue(leaver.get("remove_access").asBoolean() && leaver.get("unlink_identity_providers").asBoolean());
        assertEquals("PT4H", leaver.get("sla").asText());
        assertFalse(leaver.has("anonymise_after"), "unset: accounts are kept");
        JsonNode hygiene = get(fresh, HYGIENE);
        assertEquals(Map.of("enabled", "false", "interval", "PT24H", "max_client_secret_age", "PT8760H",
                "service_account_unused_after", "PT2160H", "pending_password_change_after", "PT336H"), texts(hygiene));

        assertEquals(200, fresh.http.putJson(fresh.path(HYGIENE), fresh.admin(), Map.of("enabled", true, "interval", "PT1H")).status());
        JsonNode attrs = fresh.http.get(fresh.realm.adminPath(""), fresh.admin()).json().get("attributes");
        assertEquals("true", attrs.get("city-iam.lifecycle.hygiene-scan").asText(), "stored where the job reads it");
        assertEquals("PT1H", attrs.get("city-iam.lifecycle.hygiene-interval").asText());
        assertEquals(204, fresh.http.delete(fresh.path(HYGIENE), fresh.admin()).status());
        assertEquals(hygiene, get(fresh, HYGIENE));
        assertFalse(fresh.http.get(fresh.realm.adminPath(""), fresh.admin()).json().path("attributes").has("city-iam.lifecycle.hygiene-scan"));
    }

    @Test
    void badInputIsRefusedAndChangesNothing() {
        assertEquals(200, http.putJson(city.path(LEAVER), as.reviewAdmin(), Map.of("sla", "PT8H", "anonymise_after", "P30D")).status());
        assertEquals(200, http.putJson(city.path(HYGIENE), as.reviewAdmin(), Map.of("service_account_unused_after", "P30D")).status());
        JsonNode leaver = get(city, LEAVER);
        JsonNode hygiene = get(city, HYGIENE);
        assertEquals("PT8H", leaver.get("sla").asText());

        error(400, "unknown_field", http.putJson(city.path(LEAVER), as.reviewAdmin(), Map.of("sla", "PT1H", "enabeld", true)));
        error(400, "invalid_policy", http.putJson(city.path(LEAVER), as.reviewAdmin(), Map.of("sla", "-PT1H")));
        error(400, "invalid_policy", http.putJson(city.path(LEAVER), as.reviewAdmin(), Map.of("enabled", true, "anonymise_after", "P0D")));
        error(400, "invalid_policy", http.putJson(city.path(LEAVER), as.reviewAdmin(), Map.of("hr_left_values", List.of())));
        error(400, "invalid_policy", http.putJson(city.path(LEAVER), as.reviewAdmin(), Map.of("enabled", "yes")));
        error(400, "invalid_json", http.putJson(city.path(LEAVER), as.reviewAdmin(), "{not json"));
        error(400, "missing_body", http.putJson(city.path(LEAVER), as.reviewAdmin(), ""));
        error(400, "unknown_field", http.putJson(city.path(HYGIENE), as.reviewAdmin(), Map.of("scan", true)));
        error(400, "invalid_policy", http.putJson(city.path(HYGIENE), as.reviewAdmin(), Map.of("enabled", true, "max_client_secret_age", "PT0S")));
        error(400, "invalid_policy", http.putJson(city.path(HYGIENE), as.reviewAdmin(), Map.of("interval", "PT1S")));

        assertEquals(leaver, get(city, LEAVER), "refused requests changed nothing");
        assertEquals(hygiene, get(city, HYGIENE), "refused requests changed nothing");
    }

    @Test
    void rolesAreChecked() {
        for (String policy : List.of(LEAVER, HYGIENE)) {
            assertEquals(401, http.get(city.path(policy), null).status());
            assertEquals(401, http.putJson(city.path(policy), null, Map.of()).status());
            error(403, "forbidden", http.get(city.path(policy), as.nobody()));
            error(403, "forbidden", http.putJson(city.path(policy), as.nobody(), Map.of("enabled", true)));
            error(403, "forbidden", http.putJson(city.path(policy), as.auditor(), Map.of("enabled", true)));
            error(403, "forbidden", http.delete(city.path(policy), as.auditor()));
            error(403, "forbidden", http.delete(city.path(policy), as.nobody()));
            assertEquals(200, http.get(city.path(policy), as.auditor()).status());
            assertEquals(200, http.putJson(city.path(policy), as.reviewAdmin(), Map.of()).status());
            assertEquals(204, http.delete(city.path(policy), as.reviewAdmin()).status());
            assertEquals(200, http.putJson(city.path(policy), city.admin(), Map.of()).status(), "realm administrators manage users too");
        }
        assertFalse(get(city, LEAVER).get("enabled").asBoolean(), "the refused enables did not happen");
    }

    @Test
    void everyChangeIsAnAdminEventAndAnAuditEntry() {
        assertEquals(200, http.putJson(city.path(HYGIENE), as.reviewAdmin(), Map.of("pending_password_change_after", "P7D")).status());
        assertEquals(204, http.delete(city.path(HYGIENE), as.reviewAdmin()).status());
        JsonNode events = http.get(city.realm.adminPath("/admin-events?max=200"), city.admin()).json();
        List<String> hygieneOps = new java.util.ArrayList<>();
        events.forEach(e -> {
            if (e.path("resourceType").asText().equals("CITYIAM_LIFECYCLE_POLICY")
                    && e.path("resourcePath").asText().equals("lifecycle/policies/hygiene")) {
                hygieneOps.add(e.path("operationType").asText());
            }
        });
        assertTrue(hygieneOps.contains("UPDATE") && hygieneOps.contains("DELETE"), events.toString());
        JsonNode audit = http.get(city.realm.adminPath("/city-iam/audit?subject=hygiene&max=200"), as.auditor()).json();
        List<String> actions = audit.findValues("action").stream().map(JsonNode::asText).toList();
        assertTrue(actions.contains("lifecycle.policy.hygiene.updated") && actions.contains("lifecycle.policy.hygiene.reset"), audit.toString());
        JsonNode updated = audit.findParents("action").stream().filter(e -> e.get("action").asText().equals("lifecycle.policy.hygiene.updated")
                && e.at("/payload/pending_password_change_after").asText().equals("PT168H")).findFirst().orElseThrow(() -> new AssertionError(audit.toString()));
        assertTrue(updated.toString().contains("rita"), "the entry names the administrator: " + updated);
    }

    /** Enabled through the API with another end-date attribute: the scheduled leaver job reads both. */
    @Test
    void theLeaverJobFollowsTheSettingsWrittenThroughTheApi(TestServer server) {
        LifecycleRealm hr = new LifecycleRealm(server, "ljleaverapi", false);
        hr.clock(0);
        hr.allowUnmanagedAttributes();
        Instant past = Instant.now().minus(Duration.ofHours(1));
        String lena = hr.realm.user("lena", "Lena-pass-1");
        hr.userAttributes(lena, Map.of("contract_end", past.toString()));
        String otto = hr.realm.user("otto", "Otto-pass-1");
        hr.userAttributes(otto, Map.of("valid_to", past.toString()));

        Http.Reply put = hr.http.putJson(hr.path(LEAVER), hr.admin(), Map.of("enabled", true, "end_date_attribute", "contract_end"));
        assertEquals(200, put.status(), put.toString());
        assertEquals("contract_end", put.json().get("end_date_attribute").asText());

        JsonNode left = LifecycleRealm.await("a scheduled leaver run to disable lena", () -> {
            JsonNode user = hr.user(lena);
            return user.get("enabled").asBoolean() ? null : user;
        });
        assertTrue(left.at("/attributes/city-iam.leaver.left-at/0").isTextual(), left.toString());
        JsonNode runs = hr.http.get(hr.path("/runs?job=leaver"), hr.admin()).json();
        assertEquals("schedule", runs.get(0).get("triggered_by").asText(), runs.toString());
        assertTrue(hr.user(otto).get("enabled").asBoolean(), "valid_to is no longer the end-date attribute");

        assertEquals(204, hr.http.delete(hr.path(LEAVER), hr.admin()).status());
        assertFalse(get(hr, LEAVER).get("enabled").asBoolean());
    }

    private static JsonNode get(LifecycleRealm realm, String policy) {
        Http.Reply r = realm.http.get(realm.path(policy), realm.admin());
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private static Map<String, String> texts(JsonNode o) {
        Map<String, String> out = new java.util.HashMap<>();
        o.properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
