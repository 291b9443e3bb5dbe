package city.iam.realmconfig.it;

import city.iam.realmconfig.cli.Main;
import city.iam.realmconfig.remote.KeycloakRealmApi;
import city.iam.testing.Http;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An "empty" realm for the tool: only the Keycloak objects our configuration builds on (organisations
 * enabled, the data-platform resource server, the break-glass group, the reviewer city-admin and the fleet owner devi.devices), plus the tool's own confidential client
 * {@value #CLIENT} whose service account holds exactly the roles docs/realm-config.md lists.
 */
final class ConfigRealm {

    static final String CLIENT = "city-iam-config";
    static final String SECRET = "realm-config-it-secret";

    final TestServer server;
    final RealmFixture realm;
    final Http http;

    private ConfigRealm(TestServer server, RealmFixture realm) {
        this.server = server;
        this.realm = realm;
        this.http = server.http();
    }

    static ConfigRealm create(TestServer server, String prefix) {
        RealmFixture realm = RealmFixture.create(server, prefix);
        ConfigRealm r = new ConfigRealm(server, realm);
        String master = server.masterToken();
        r.expect(r.http.putJson(realm.adminPath(""), master, Map.of("organizationsEnabled", true)), 204);
        r.expect(r.http.postJson(realm.adminPath("/clients"), master, Map.of("clientId", "city-data-platform", "publicClient", false,
                "serviceAccountsEnabled", true, "authorizationServicesEnabled", true, "standardFlowEnabled", false)), 201);
        r.expect(r.http.postJson(realm.adminPath("/groups"), master, Map.of("name", "break-glass")), 201);
        // The people the reference directory names, as the city realm JSON has them: the review definition's
        // fallback reviewer and the enrollment group's owner (the tool checks both exist before it writes anything).
        for (String person : List.of("city-admin", "devi.devices")) {
            r.expect(r.http.postJson(realm.adminPath("/users"), master, Map.of("username", person, "enabled", true)), 201);
        }
        r.client(CLIENT, SECRET, Map.of("city-iam", List.of("dataset-admin", "device-admin", "review-admin"),
                "realm-management", List.of("manage-realm", "manage-identity-providers", "query-groups", "view-clients", "view-users")));
        return r;
    }

    /** A confidential client with a service account holding these client roles (client id to role names). */
    void client(String clientId, String secret, Map<String, List<String>> roles) {
        String master = server.masterToken();
        expect(http.postJson(realm.adminPath("/clients"), master, Map.of("clientId", clientId, "publicClient", false,
                "secret", secret, "serviceAccountsEnabled", true, "standardFlowEnabled", false, "directAccessGrantsEnabled", false)), 201);
        String uuid = realm.clientUuid(clientId);
        String user = http.get(realm.adminPath("/clients/" + uuid + "/service-account-user"), master).json().get("id").asText();
        roles.forEach((roleClient, names) -> {
            String roleClientUuid = realm.clientUuid(roleClient);
            List<JsonNode> reps = names.stream()
                    .map(n -> http.get(realm.adminPath("/clients/" + roleClientUuid + "/roles/" + n), master).json()).toList();
            expect(http.postJson(realm.adminPath("/users/" + user + "/role-mappings/clients/" + roleClientUuid), master, reps), 204);
        });
    }

    /** The tool's token, for reading back what it wrote through the same APIs. */
    String toolToken() {
        return http.postForm("/realms/" + realm.name() + "/protocol/openid-connect/token", null, Map.of("grant_type", "client_credentials",
                "client_id", CLIENT, "client_secret", SECRET)).json().get("access_token").asText();
    }

    JsonNode get(String adminPath) {
        Http.Reply r = http.get(realm.adminPath(adminPath), toolToken());
        expect(r, 200);
        return r.json();
    }

    Map<String, String> env() {
        return env(CLIENT, SECRET);
    }

    Map<String, String> env(String clientId, String secret) {
        Map<String, String> env = new HashMap<>();
        env.put("CITY_IAM_SERVER", server.baseUrl());
        env.put("CITY_IAM_REALM", realm.name());
        env.put("CITY_IAM_CLIENT_ID", clientId);
        env.put("CITY_IAM_CLIENT_SECRET", secret);
        return env;
    }

    record Run(int code, String out, String err) {
        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    /** The command line, run in this JVM exactly as {@code java -jar} runs it. */
    Run tool(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Main(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env::get, KeycloakRealmApi::connect).run(args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    Run tool(String... args) {
        return tool(env(), args);
    }

    private void expect(Http.Reply r, int status) {
        if (r.status() != status) {
            throw new AssertionError("expected " + status + ": " + r);
        }
    }
}
