package city.iam.review.it;

import city.iam.lifecycle.it.LifecycleRealm;
import city.iam.testing.Http;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A throw-away realm for access-review tests: users with managers, roles with owners, groups, and the calls tests share. */
final class ReviewRealm {

    static final String CLIENT = "review-ui";

    final LifecycleRealm base;
    final Http http;
    final RealmFixture realm;
    private boolean reviewAdminCreated;

    ReviewRealm(TestServer server, String prefix) {
        this.base = new LifecycleRealm(server, prefix, false);
        this.http = base.http;
        this.realm = base.realm;
        // Keycloak 26 drops attributes its user profile does not declare; reviews read the manager attribute.
        base.allowUnmanagedAttributes();
        // People sign in through a client of their own: admin-cli issues lightweight tokens (no acr claim),
        // and decisions record the reviewer's acr.
        Http.Reply client = http.postJson(realm.adminPath("/clients"), admin(), Map.of("clientId", CLIENT, "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false));
        assertEquals(201, client.status(), client.toString());
    }

    String admin() {
        return base.admin();
    }

    /** A token of a user with review-admin and auditor, created on first use. */
    String reviewAdmin() {
        if (!reviewAdminCreated) {
            person("rev-admin", "review-admin", "auditor");
            reviewAdminCreated = true;
        }
        return token("rev-admin");
    }

    /** Creates a user whose password follows from the username, so {@link #token} can sign them in again. */
    String person(String username, String... cityIamRoles) {
        return realm.user(username, password(username), cityIamRoles);
    }

    /** A fresh token: moving the test clock expires the ones issued before. */
    String token(String username) {
        Http.Reply r = http.postForm("/realms/" + realm.name() + "/protocol/openid-connect/token", null,
                Map.of("grant_type", "password", "client_id", CLIENT, "username", username, "password", password(username)));
        assertEquals(200, r.status(), r.toString());
        return r.json().get("access_token").asText();
    }

    private static String password(String username) {
        return username + "-Pass-1";
    }

    String reviews(String path) {
        return realm.adminPath("/access-reviews" + path);
    }

    String reviewer(String path) {
        return "/realms/" + realm.name() + "/access-reviews" + path;
    }

    void setAttribute(String userId, String name, String value) {
        base.userAttributes(userId, Map.of(name, value));
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
        String id = base.group(name);
        if (realmRole != null) {
            assertEquals(204, http.postJson(realm.adminPath("/groups/" + id + "/role-mappings/realm"), admin(), List.of(realmRole)).status());
        }
        return id;
    }

    String createSubgroup(String parentId, String name) {
        Http.Reply r = http.postJson(realm.adminPath("/groups/" + parentId + "/children"), admin(), Map.of("name", name));
        assertEquals(201, r.status(), r.toString());
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    void addComposite(String compositeRole, JsonNode child) {
        Http.Reply r = http.postJson(realm.adminPath("/roles/" + compositeRole + "/composites"), admin(), List.of(child));
        assertEquals(204, r.status(), r.toString());
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

    void clockSeconds(long offset) {
        base.clockSeconds(offset);
    }

    JsonNode runReviewJob() {
        return base.runToCompletion("access-reviews");
    }

    static <T> T await(String what, Supplier<T> probe) {
        return LifecycleRealm.await(what, probe);
    }

    static void error(int status, String code, Http.Reply r) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.json().get("error").asText(), r.toString());
    }
}
