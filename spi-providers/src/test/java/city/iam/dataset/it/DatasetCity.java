package city.iam.dataset.it;

import city.iam.testing.Http;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small city in a fresh realm, built over the admin API as an operator would: organisations with
 * stakeholder types, the data platform as a resource server, a public portal and a trusted workbench.
 */
final class DatasetCity {

    final TestServer server;
    final Http http;
    final RealmFixture realm;

    DatasetCity(TestServer server, String prefix) {
        this.server = server;
        this.http = server.http();
        this.realm = RealmFixture.create(server, prefix);
        String master = server.masterToken();
        expect(204, http.putJson("/admin/realms/" + realm.name(), master, Map.of("organizationsEnabled", true)));
        JsonNode profile = http.get(realm.adminPath("/users/profile"), master).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) profile).put("unmanagedAttributePolicy", "ADMIN_EDIT");
        expect(200, http.putJson(realm.adminPath("/users/profile"), master, profile));
        client(Map.of("clientId", "city-data-platform", "publicClient", false, "secret", "platform-secret-1",
                "serviceAccountsEnabled", true, "authorizationServicesEnabled", true, "directAccessGrantsEnabled", false,
                "standardFlowEnabled", false));
        client(Map.of("clientId", "portal", "publicClient", true, "directAccessGrantsEnabled", true, "standardFlowEnabled", false));
        client(Map.of("clientId", "workbench", "publicClient", true, "directAccessGrantsEnabled", true, "standardFlowEnabled", false,
                "attributes", Map.of("city-iam.trusted-environment", "true", "city-iam.purposes", "energy-planning,research")));
    }

    void client(Map<String, Object> representation) {
        expect(201, http.postJson(realm.adminPath("/clients"), server.masterToken(), representation));
    }

    String organization(String alias, String stakeholderType) {
        Http.Reply r = http.postJson(realm.adminPath("/organizations"), server.masterToken(), Map.of(
                "name", alias, "alias", alias, "enabled", true,
                "domains", List.of(Map.of("name", alias + ".example")),
                "attributes", Map.of("stakeholderType", List.of(stakeholderType))));
        expect(201, r);
        String location = r.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    String member(String orgId, String username, String password, Map<String, List<String>> attributes, String... roles) {
        String id = realm.user(username, password, roles);
        if (!attributes.isEmpty()) {
            JsonNode user = http.get(realm.adminPath("/users/" + id), server.masterToken()).json();
            Map<String, Object> rep = new HashMap<>(Http.JSON.convertValue(user, Map.class));
            rep.put("attributes", attributes);
            expect(204, http.putJson(realm.adminPath("/users/" + id), server.masterToken(), rep));
        }
        if (orgId != null) {
            expect(201, http.postJson(realm.adminPath("/organizations/" + orgId + "/members"), server.masterToken(), "\"" + id + "\""));
        }
        return id;
    }

    String token(String client, String username, String password) {
        return login(client, username, password, null).json().get("access_token").asText();
    }

    Http.Reply login(String client, String username, String password, String dpop) {
        var form = "grant_type=password&client_id=" + client + "&username=" + username + "&password=" + password;
        var b = http.request(tokenUrl(), null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(form));
        if (dpop != null) {
            b.header("DPoP", dpop);
        }
        return expect(200, http.send(b.build()));
    }

    String tokenUrl() {
        return http.baseUrl() + "/realms/" + realm.name() + "/protocol/openid-connect/token";
    }

    /**
     * The standard UMA path, {@code response_mode=decision}, as the data platform asks it: authenticated as
     * the resource server (Keycloak lets only confidential clients push claims), the user's token as subject,
     * the purpose pushed as a claim.
     */
    Http.Reply uma(String token, String permission, String purpose) {
        Map<String, String> form = new HashMap<>(Map.of(
                "grant_type", "urn:ietf:params:oauth:grant-type:uma-ticket",
                "client_id", "city-data-platform",
                "client_secret", "platform-secret-1",
                "subject_token", token,
                "audience", "city-data-platform",
                "permission", permission,
                "response_mode", "decision"));
        if (purpose != null) {
            form.put("claim_token", Base64.getUrlEncoder().withoutPadding().encodeToString(
                    ("{\"purpose\":[\"" + purpose + "\"]}").getBytes(StandardCharsets.UTF_8)));
            form.put("claim_token_format", "urn:ietf:params:oauth:token-type:jwt");
        }
        return http.postForm("/realms/" + realm.name() + "/protocol/openid-connect/token", null, form);
    }

    Http.Reply decision(String token, String dataset, String scope, String purpose) {
        Map<String, String> body = new HashMap<>(Map.of("dataset", dataset, "scope", scope));
        if (purpose != null) {
            body.put("purpose", purpose);
        }
        return http.postJson("/realms/" + realm.name() + "/datasets/decision", token, body);
    }

    static Http.Reply expect(int status, Http.Reply r) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + " but got " + r);
        }
        return r;
    }
}
