package city.iam.review.it;

import city.iam.testing.Http;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A throw-away realm for access-review tests: users with managers, roles with owners, groups, and the calls tests share. */
final class ReviewRealm {

    final TestServer server;
    final Http http;
    final RealmFixture realm;

    ReviewRealm(TestServer server, String prefix) {
        this.server = server;
        this.http = server.http();
        this.realm = RealmFixture.create(server, prefix);
        // Keycloak 26 drops attributes its user profile does not declare; reviews read the manager attribute.
        ObjectNode profile = (ObjectNode) http.get(realm.adminPath("/users/profile"), admin()).json();
        profile.put("unmanagedAttributePolicy", "ADMIN_EDIT");
        assertEquals(200, http.putJson(realm.adminPath("/users/profile"), admin(), profile).status());
    }

    String admin() {
        return server.masterToken();
    }

    String reviews(String path) {
        return realm.adminPath("/access-reviews" + path);
    }

    String reviewer(String path) {
        return "/realms/" + realm.name() + "/access-reviews" + path;
    }

    void setAttribute(String userId, String name, String value) {
        ObjectNode rep = (ObjectNode) http.get(realm.adminPath("/users/" + userId), admin()).json();
        ObjectNode attrs = rep.has("attributes") ? (ObjectNode) rep.get("attributes") : rep.putObject("attributes");
        attrs.putArray(name).add(value);
        Http.Reply r = http.putJson(realm.adminPath("/users/" + userId), admin(), rep);
        assertEquals(204, r.status(), r.toString());
    }

    JsonNode createRealmRole(String name, Map<String, List<String>> attributes) {
        Http.Reply r = http.postJson(realm.adminPath("/roles"), admin(), Map.of("name", name, "attributes", attributes));
        assertEquals(201, r.status(), r.toString());
        return http.get(realm.adminPath("/roles/" + name), admin()).json();
    }

    void grantRealmRole(String userId, JsonNode role) {
        Http.Reply r = http.postJson(realm.adminPath("/users/" + userId + "/role-mappings/realm"), admin(), List.of(role));
        assertEquals(204, r.status(), r.toString());
    }

    String createGroup(String name, JsonNode realmRole) {
        Http.Reply r = http.postJson(realm.adminPath("/groups"), admin(), Map.of("name", name));
        assertEquals(201, r.status(), r.toString());
        String location = r.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        if (realmRole != null) {
            assertEquals(204, http.postJson(realm.adminPath("/groups/" + id + "/role-mappings/realm"), admin(), List.of(realmRole)).status());
        }
        return id;
    }

    void join(String userId, String groupId) {
        Http.Reply r = http.putJson(realm.adminPath("/users/" + userId + "/groups/" + groupId), admin(), Map.of());
        assertEquals(204, r.status(), r.toString());
    }

    boolean hasEffectiveRealmRole(String userId, String role) {
        for (JsonNode r : http.get(realm.adminPath("/users/" + userId + "/role-mappings/realm/composite"), admin()).json()) {
            if (r.get("name").asText().equals(role)) {
                return true;
            }
        }
        return false;
    }

    boolean inGroup(String userId, String groupName) {
        for (JsonNode g : http.get(realm.adminPath("/users/" + userId + "/groups"), admin()).json()) {
            if (g.get("name").asText().equals(groupName)) {
                return true;
            }
        }
        return false;
    }

    /** Sets the server's test clock offset; answers nothing (the server's now moves with it). */
    void clockSeconds(long offset) {
        Http.Reply r = http.putJson("/realms/master/city-iam/test-clock", admin(), Map.of("offset_seconds", offset));
        assertEquals(200, r.status(), r.toString());
    }

    /** Runs the access-review job now (through the lifecycle runs API) and waits until it is done. */
    JsonNode runReviewJob() {
        Http.Reply started = http.postJson(realm.adminPath("/lifecycle/runs"), admin(), Map.of("job", "access-reviews"));
        if (started.status() != 202 && started.status() != 200) {
            throw new AssertionError("run-now of access-reviews: " + started);
        }
        String id = started.json().get("id").asText();
        return await("run " + id, () -> {
            JsonNode run = http.get(realm.adminPath("/lifecycle/runs/" + id), admin()).json();
            String status = run.get("status").asText();
            if (status.equals("FAILED")) {
                throw new AssertionError("run failed: " + run);
            }
            return status.equals("DONE") ? run : null;
        });
    }

    static <T> T await(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    static void error(int status, String code, Http.Reply r) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.json().get("error").asText(), r.toString());
    }
}
