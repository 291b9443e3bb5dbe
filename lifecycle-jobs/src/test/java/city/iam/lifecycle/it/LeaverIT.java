package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LJ-34: a leaver by end date and one by HR status lose their sessions, offline tokens, groups and roles at the
 * next sweep and are anonymised after retention; a future end date is left alone; an end date past the SLA and
 * an unreadable one become findings; the leaver's timeline is the audit log on the user.
 */
class LeaverIT extends ClockedLifecycleIT {

    @Test
    void leaversLoseSessionsTokensAndAccessThenAreAnonymised(TestServer server) {
        city = new LifecycleRealm(server, "leaver", false);
        Http http = city.http;
        String admin = city.admin();
        Instant now = city.clock(0);
        city.allowUnmanagedAttributes();
        city.realmAttributes(Map.of("city-iam.lifecycle.leaver.anonymise-after", "P30D", "city-iam.lifecycle.leaver.sla", "PT4H"));
        city.createClient("portal", "portal-secret-1");
        assertEquals(201, http.postJson(city.realm.adminPath("/roles"), admin, Map.of("name", "meter-reader")).status());
        String staff = city.group("staff");

        String lena = person("lena", "Lena-pass-1", staff, Map.of("valid_to", now.minus(Duration.ofHours(1)).toString()));
        String hugo = person("hugo", "Hugo-pass-1", staff, Map.of("hr_status", "Left"));
        String fay = person("fay", "Fay-pass-1", staff, Map.of("valid_to", LocalDate.now(ZoneOffset.UTC).plusDays(2).toString()));
        String gus = person("gus", "Gus-pass-1", staff, Map.of("valid_to", now.minus(Duration.ofHours(10)).toString()));
        String ivan = person("ivan", "Ivan-pass-1", staff, Map.of("valid_to", "31/12/2026"));
        city.realm.user("ada", "Ada-pass-1", "auditor");

        String offline = login("lena", "Lena-pass-1", "openid offline_access");
        String online = login("lena", "Lena-pass-1", "openid");
        String fayRefresh = login("fay", "Fay-pass-1", "openid");

        city.runToCompletion("leaver");

        assertEquals(400, refresh(offline).status(), "the offline token stops working");
        assertEquals(400, refresh(online).status(), "so does the session");
        assertEquals(200, refresh(fayRefresh).status(), "a future end date is left alone");
        for (String id : List.of(lena, hugo, gus)) {
            JsonNode user = city.user(id);
            assertFalse(user.get("enabled").asBoolean(), user.toString());
            assertTrue(user.at("/attributes/city-iam.leaver.left-at/0").isTextual(), user.toString());
            assertEquals(0, http.get(city.realm.adminPath("/users/" + id + "/groups"), admin).json().size(), "groups removed");
            assertFalse(http.get(city.realm.adminPath("/users/" + id + "/role-mappings/realm"), admin).body().contains("meter-reader"));
        }
        assertTrue(city.user(fay).get("enabled").asBoolean());
        assertTrue(city.user(ivan).get("enabled").asBoolean(), "an unreadable end date is not guessed at");
        assertEquals(1, http.get(city.realm.adminPath("/users/" + fay + "/groups"), admin).json().size());

        JsonNode sla = http.get(city.path("/findings?kind=leaver_sla_breached"), admin).json();
        assertEquals(1, sla.size(), sla.toString());
        assertEquals(gus, sla.get(0).get("subject_id").asText());
        JsonNode unreadable = http.get(city.path("/findings?kind=leaver_end_date_unreadable"), admin).json();
        assertEquals(1, unreadable.size(), unreadable.toString());
        assertEquals(ivan, unreadable.get(0).get("subject_id").asText());

        String auditor = city.realm.token("ada", "Ada-pass-1");
        JsonNode timeline = http.get("/admin/realms/" + city.realm.name() + "/city-iam/audit?subject=" + lena, auditor).json();
        JsonNode left = StreamSupport.stream(timeline.spliterator(), false)
                .filter(e -> e.get("action").asText().equals("lifecycle.leaver.left")).findFirst().orElseThrow(() -> new AssertionError(timeline.toString()));
        assertEquals("end_date", left.at("/payload/reason").asText(), left.toString());
        assertEquals(false, left.at("/payload/sla_breached").asBoolean());
        assertTrue(left.at("/payload/grants_removed").asInt() >= 2, left.toString());

        // A second sweep changes nothing; thirty-one days on, the leavers are anonymised.
        assertEquals(1, city.runToCompletion("leaver").get("changed").asLong(), "only ivan's unreadable date is seen again");
        city.clock(31);
        city.runToCompletion("leaver");
        JsonNode gone = city.user(lena);
        assertEquals("anonymised-" + lena, gone.get("username").asText());
        assertTrue(gone.path("email").isMissingNode() || gone.get("email").isNull());
        assertFalse(city.user(fay).get("enabled").asBoolean(), "by now fay's own end date has passed");
    }

    private String person(String username, String password, String group, Map<String, String> attributes) {
        String id = city.realm.user(username, password);
        city.userAttributes(id, attributes);
        city.join(id, group);
        JsonNode role = city.http.get(city.realm.adminPath("/roles/meter-reader"), city.admin()).json();
        assertEquals(204, city.http.postJson(city.realm.adminPath("/users/" + id + "/role-mappings/realm"), city.admin(), List.of(role)).status());
        return id;
    }

    private String login(String username, String password, String scope) {
        Http.Reply r = city.http.postForm("/realms/" + city.realm.name() + "/protocol/openid-connect/token", null, Map.of(
                "grant_type", "password", "client_id", "portal", "client_secret", "portal-secret-1",
                "username", username, "password", password, "scope", scope));
        assertEquals(200, r.status(), r.toString());
        return r.json().get("refresh_token").asText();
    }

    private Http.Reply refresh(String refreshToken) {
        return city.http.postForm("/realms/" + city.realm.name() + "/protocol/openid-connect/token", null, Map.of(
                "grant_type", "refresh_token", "client_id", "portal", "client_secret", "portal-secret-1", "refresh_token", refreshToken));
    }
}
