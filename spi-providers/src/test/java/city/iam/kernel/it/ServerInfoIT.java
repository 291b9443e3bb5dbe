package city.iam.kernel.it;

import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(KeycloakServerExtension.class)
class ServerInfoIT {

    @Test
    void suiteProvidersAreListedInServerInfo(TestServer server) {
        JsonNode providers = server.http().get("/admin/serverinfo", server.masterToken()).json().get("providers");
        assertTrue(providers.path("eventsListener").path("providers").has("city-iam-audit"), "event listener listed");
        assertTrue(providers.path("admin-realm-restapi-extension").path("providers").has("city-iam"), "admin API listed");
        assertTrue(providers.path("realm-restapi-extension").path("providers").has("city-iam"), "realm API listed");
        JsonNode info = providers.path("eventsListener").path("providers").path("city-iam-audit").path("operationalInfo");
        assertTrue(info.has("city-iam-version"), "version shown: " + info);
    }

    @Test
    void schemaWasCreatedByOurChangelog(TestServer server) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(server.database().isPresent(), "database reachable from the test JVM");
        try (var c = server.database().orElseThrow().connect();
             var rs = c.createStatement().executeQuery("select count(*) from CITYIAM_AUDIT_HEAD")) {
            assertTrue(rs.next());
            assertTrue(rs.getLong(1) >= 1, "the master realm got a chain head at start-up");
        }
    }

    @Test
    void testClockMovesOnlyForARealmAdmin(TestServer server) {
        var http = server.http();
        String token = server.masterToken();
        assertEquals(401, http.get("/realms/master/city-iam/test-clock", null).status());
        var moved = http.putJson("/realms/master/city-iam/test-clock", token, java.util.Map.of("offset_seconds", 0));
        assertEquals(200, moved.status(), moved.body());
        assertEquals(0, moved.json().get("offset_seconds").asLong());
        var bad = http.putJson("/realms/master/city-iam/test-clock", token, "{\"offset_seconds\": \"soon\"}");
        assertEquals(400, bad.status(), bad.body());
        assertEquals("invalid_json", bad.json().get("error").asText());
    }
}
