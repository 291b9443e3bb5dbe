package city.iam.testing;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Creates throw-away realms and users over the admin REST API, so each test class works in its own realm
 * of the shared server.
 */
public final class RealmFixture {

    private final TestServer server;
    private final Http http;
    private final String realm;

    private RealmFixture(TestServer server, String realm) {
        this.server = server;
        this.http = server.http();
        this.realm = realm;
    }

    /** A new realm with the suite's audit listener enabled and admin events on. */
    public static RealmFixture create(TestServer server, String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        Http.Reply r = server.http().postJson("/admin/realms", server.masterToken(), Map.of(
                "realm", name,
                "enabled", true,
                "eventsEnabled", true,
                "adminEventsEnabled", true,
                "adminEventsDetailsEnabled", true,
                "eventsListeners", List.of("jboss-logging", "city-iam-audit")));
        if (r.status() != 201) {
            throw new AssertionError("creating realm " + name + " failed: " + r);
        }
        return new RealmFixture(server, name);
    }

    public String name() {
        return realm;
    }

    public String adminPath(String path) {
        return "/admin/realms/" + realm + path;
    }

    /** Creates a user with a password and the given city-iam client roles; returns the user id. */
    public String user(String username, String password, String... cityIamRoles) {
        String token = server.masterToken();
        Http.Reply created = http.postJson(adminPath("/users"), token, Map.of(
                "username", username, "enabled", true, "email", username + "@example.org", "emailVerified", true,
                "firstName", username, "lastName", "Test",
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false))));
        if (created.status() != 201) {
            throw new AssertionError("creating user " + username + " failed: " + created);
        }
        String location = created.headers().firstValue("Location").orElseThrow();
        String userId = location.substring(location.lastIndexOf('/') + 1);
        if (cityIamRoles.length > 0) {
            String clientUuid = clientUuid("city-iam");
            List<JsonNode> roles = new java.util.ArrayList<>();
            for (String role : cityIamRoles) {
                roles.add(http.get(adminPath("/clients/" + clientUuid + "/roles/" + role), token).json());
            }
            Http.Reply mapped = http.postJson(adminPath("/users/" + userId + "/role-mappings/clients/" + clientUuid), token, roles);
            if (mapped.status() != 204) {
                throw new AssertionError("mapping roles failed: " + mapped);
            }
        }
        return userId;
    }

    public String clientUuid(String clientId) {
        JsonNode clients = http.get(adminPath("/clients?clientId=" + clientId), server.masterToken()).json();
        if (clients.size() != 1) {
            throw new AssertionError("client " + clientId + " not found in " + realm);
        }
        return clients.get(0).get("id").asText();
    }

    public String token(String username, String password) {
        return http.passwordToken(realm, username, password);
    }

    public String realmId() {
        return http.get("/admin/realms/" + realm, server.masterToken()).json().get("id").asText();
    }

    public void delete() {
        http.delete("/admin/realms/" + realm, server.masterToken());
    }
}
