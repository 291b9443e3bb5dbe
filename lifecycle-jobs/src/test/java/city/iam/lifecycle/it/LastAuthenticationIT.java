package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** LJ-30: the tracker records password and client-credentials logins; the backfill fills from stored events. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LastAuthenticationIT {

    private LifecycleRealm city;
    private Http http;

    @BeforeAll
    void setUp(TestServer server) {
        city = new LifecycleRealm(server, "lastauth", true);
        http = city.http;
    }

    @Test
    void aPasswordLoginIsRecordedPerUserAndPerClient() {
        String userId = city.realm.user("pam", "Pam-pass-1");
        JsonNode before = city.lastAuth(userId);
        assertTrue(before.get("last_authentication_at").isNull(), before.toString());
        Instant loginStart = Instant.now().minusSeconds(5);
        city.realm.token("pam", "Pam-pass-1");

        JsonNode after = city.awaitLastAuth(userId, loginStart);
        assertEquals("LOGIN", after.get("event_type").asText(), after.toString());
        assertEquals("admin-cli", after.get("client_id").asText(), after.toString());

        JsonNode clients = http.get(city.path("/users/" + userId + "/last-authentication/clients"), city.admin()).json();
        assertEquals(1, clients.size(), clients.toString());
        assertEquals("admin-cli", clients.get(0).get("client_id").asText());
        assertEquals(after.get("last_authentication_at").asText(), clients.get(0).get("last_authentication_at").asText());
    }

    @Test
    void aClientCredentialsLoginIsRecordedForTheServiceAccount() {
        String clientUuid = city.createClient("meter-reader", "meter-secret-1");
        String serviceUser = http.get(city.realm.adminPath("/clients/" + clientUuid + "/service-account-user"), city.admin())
                .json().get("id").asText();
        Instant start = Instant.now().minusSeconds(5);
        city.clientCredentialsToken("meter-reader", "meter-secret-1");

        JsonNode recorded = city.awaitLastAuth(serviceUser, start);
        assertEquals("CLIENT_LOGIN", recorded.get("event_type").asText(), recorded.toString());
        assertEquals("meter-reader", recorded.get("client_id").asText());
    }

    @Test
    void theBackfillRecordsLoginsFromBeforeTheListenerWasEnabled(TestServer server) {
        LifecycleRealm old = new LifecycleRealm(server, "backfill", false);
        String userId = old.realm.user("olga", "Olga-pass-1");
        Instant start = Instant.now().minusSeconds(5);
        old.realm.token("olga", "Olga-pass-1");
        old.realm.token("olga", "Olga-pass-1");
        // Nothing tracks the realm yet: the login is only in Keycloak's event store.
        assertTrue(old.lastAuth(userId).get("last_authentication_at").isNull());

        JsonNode run = old.runToCompletion("last-auth-backfill");
        assertEquals("DONE", run.get("status").asText());
        assertTrue(run.get("processed").asLong() >= 2, run.toString());
        assertTrue(run.get("changed").asLong() >= 2, run.toString());

        JsonNode filled = old.lastAuth(userId);
        assertEquals("LOGIN", filled.get("event_type").asText(), filled.toString());
        assertFalse(Instant.parse(filled.get("last_authentication_at").asText()).isBefore(start));

        JsonNode again = old.runToCompletion("last-auth-backfill");
        assertEquals(filled, old.lastAuth(userId), "a second backfill changes nothing");
        assertEquals("DONE", again.get("status").asText());

        JsonNode history = http.get(old.path("/runs?job=last-auth-backfill"), old.admin()).json();
        assertEquals(2, history.size(), history.toString());
    }

    @Test
    void unknownUsersAndRunsAre404() {
        Http.Reply user = http.get(city.path("/users/no-such-user/last-authentication"), city.admin());
        assertEquals(404, user.status());
        assertEquals("user_not_found", user.json().get("error").asText());
        Http.Reply run = http.get(city.path("/runs/no-such-run"), city.admin());
        assertEquals(404, run.status());
        assertEquals("run_not_found", run.json().get("error").asText());
        Http.Reply job = http.postJson(city.path("/runs"), city.admin(), Map.of("job", "no-such-job"));
        assertEquals(400, job.status());
        assertEquals("unknown_job", job.json().get("error").asText());
    }

    @Test
    void rolesAreChecked() {
        String userId = city.realm.user("rita", "Rita-pass-1", "review-admin");
        city.realm.user("ada", "Ada-pass-1", "auditor");
        city.realm.user("carl", "Carl-pass-1");
        String reviewAdmin = city.realm.token("rita", "Rita-pass-1");
        String auditor = city.realm.token("ada", "Ada-pass-1");
        String nobody = city.realm.token("carl", "Carl-pass-1");
        for (String p : List.of("/users/" + userId + "/last-authentication", "/users/" + userId + "/last-authentication/clients", "/runs",
                "/inactivity/notices")) {
            assertEquals(401, http.get(city.path(p), null).status(), p);
            assertEquals(403, http.get(city.path(p), nobody).status(), p);
            assertEquals(200, http.get(city.path(p), auditor).status(), p);
            assertEquals(200, http.get(city.path(p), reviewAdmin).status(), p);
            assertEquals(200, http.get(city.path(p), city.admin()).status(), p);
        }
        Http.Reply refused = http.postJson(city.path("/runs"), auditor, Map.of("job", "last-auth-backfill"));
        assertEquals(403, refused.status(), refused.toString());
        assertEquals("forbidden", refused.json().get("error").asText());
        assertEquals(403, http.postJson(city.path("/runs"), nobody, Map.of("job", "last-auth-backfill")).status());
        assertEquals(401, http.postJson(city.path("/runs"), null, Map.of("job", "last-auth-backfill")).status());
        Http.Reply started = http.postJson(city.path("/runs"), reviewAdmin, Map.of("job", "last-auth-backfill"));
        assertTrue(started.status() == 202 || started.status() == 200, started.toString());
    }
}
