package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.RealmFixture;
import city.iam.testing.SmtpSink;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A throw-away realm with the last-authentication listener enabled, and the calls the lifecycle tests share. */
public final class LifecycleRealm {

    static final String LISTENER = "city-iam-last-auth";

    public final TestServer server;
    public final Http http;
    public final RealmFixture realm;

    public LifecycleRealm(TestServer server, String prefix, boolean tracker) {
        this.server = server;
        this.http = server.http();
        this.realm = RealmFixture.create(server, prefix);
        if (tracker) {
            enableTracker();
        }
    }

    public void enableTracker() {
        ObjectNode rep = (ObjectNode) http.get("/admin/realms/" + realm.name(), server.masterToken()).json();
        ArrayNode listeners = rep.putArray("eventsListeners");
        List.of("jboss-logging", "city-iam-audit", LISTENER).forEach(listeners::add);
        Http.Reply r = http.putJson("/admin/realms/" + realm.name(), server.masterToken(), rep);
        assertEquals(204, r.status(), r.toString());
    }

    String path(String p) {
        return realm.adminPath("/lifecycle" + p);
    }

    public String admin() {
        return server.masterToken();
    }

    JsonNode lastAuth(String userId) {
        Http.Reply r = http.get(path("/users/" + userId + "/last-authentication"), admin());
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    /** Waits for the asynchronous writer to record an authentication at or after {@code notBefore}. */
    public JsonNode awaitLastAuth(String userId, Instant notBefore) {
        return await("last authentication of " + userId + " at or after " + notBefore, () -> {
            JsonNode n = lastAuth(userId);
            return !n.get("last_authentication_at").isNull()
                    && !Instant.parse(n.get("last_authentication_at").asText()).isBefore(notBefore) ? n : null;
        });
    }

    /** Starts a job, waits for its run to finish, answers the finished run. */
    public JsonNode runToCompletion(String job) {
        return runToCompletion(job, Duration.ofSeconds(60));
    }

    JsonNode runToCompletion(String job, Duration timeout) {
        Http.Reply started = http.postJson(path("/runs"), admin(), Map.of("job", job));
        if (started.status() != 202 && started.status() != 200) {
            throw new AssertionError("run-now of " + job + ": " + started);
        }
        String id = started.json().get("id").asText();
        return await("run " + id + " of " + job, timeout, () -> {
            JsonNode run = http.get(path("/runs/" + id), admin()).json();
            String status = run.get("status").asText();
            if (status.equals("FAILED")) {
                throw new AssertionError("run failed: " + run);
            }
            return status.equals("DONE") ? run : null;
        });
    }

    /** Sets the server's test clock offset (days ahead of real time); answers the server's now. */
    Instant clock(double days) {
        return clockSeconds((long) (days * 86_400));
    }

    public Instant clockSeconds(long offset) {
        Http.Reply r = http.putJson("/realms/master/city-iam/test-clock", admin(), Map.of("offset_seconds", offset));
        assertEquals(200, r.status(), r.toString());
        return Instant.parse(r.json().get("now").asText());
    }

    String createClient(String clientId, String secret) {
        Http.Reply r = http.postJson(realm.adminPath("/clients"), admin(), Map.of("clientId", clientId, "secret", secret,
                "publicClient", false, "serviceAccountsEnabled", true, "standardFlowEnabled", false,
                "directAccessGrantsEnabled", true));
        assertEquals(201, r.status(), r.toString());
        return realm.clientUuid(clientId);
    }

    String clientCredentialsToken(String clientId, String secret) {
        Http.Reply r = http.postForm("/realms/" + realm.name() + "/protocol/openid-connect/token", null,
                Map.of("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret));
        assertEquals(200, r.status(), r.toString());
        return r.json().get("access_token").asText();
    }

    /** Lets admins set attributes the user profile does not declare (HR feeds write such attributes). */
    public void allowUnmanagedAttributes() {
        JsonNode profile = http.get(realm.adminPath("/users/profile"), admin()).json();
        ((ObjectNode) profile).put("unmanagedAttributePolicy", "ADMIN_EDIT");
        Http.Reply r = http.putJson(realm.adminPath("/users/profile"), admin(), profile);
        assertEquals(200, r.status(), r.toString());
    }

    void realmAttributes(Map<String, String> attributes) {
        ObjectNode rep = (ObjectNode) http.get("/admin/realms/" + realm.name(), admin()).json();
        attributes.forEach(rep.with("attributes")::put);
        Http.Reply r = http.putJson("/admin/realms/" + realm.name(), admin(), rep);
        assertEquals(204, r.status(), r.toString());
    }

    /** Keycloak mails through the sink, in English, French and Finnish. */
    public void mailTo(SmtpSink smtp) {
        ObjectNode rep = (ObjectNode) http.get("/admin/realms/" + realm.name(), admin()).json();
        rep.set("smtpServer", Http.JSON.valueToTree(Map.of("host", "127.0.0.1", "port", Integer.toString(smtp.port()),
                "from", "iam@city.example", "fromDisplayName", "City IAM")));
        rep.put("internationalizationEnabled", true);
        rep.set("supportedLocales", Http.JSON.valueToTree(List.of("en", "fr", "fi")));
        rep.put("defaultLocale", "en");
        assertEquals(204, http.putJson("/admin/realms/" + realm.name(), admin(), rep).status());
    }

    /** A verified address, plus attributes (e.g. locale, manager); unmanaged attributes must be allowed. */
    public void email(String userId, String address, Map<String, String> attributes) {
        ObjectNode rep = (ObjectNode) user(userId);
        rep.put("email", address);
        rep.put("emailVerified", true);
        attributes.forEach((k, v) -> rep.with("attributes").putArray(k).add(v));
        Http.Reply r = http.putJson(realm.adminPath("/users/" + userId), admin(), rep);
        assertEquals(204, r.status(), r.toString());
    }

    public JsonNode user(String id) {
        return http.get(realm.adminPath("/users/" + id), admin()).json();
    }

    public void userAttributes(String userId, Map<String, String> values) {
        ObjectNode rep = (ObjectNode) user(userId);
        ObjectNode attrs = rep.with("attributes");
        values.forEach((k, v) -> attrs.putArray(k).add(v));
        Http.Reply r = http.putJson(realm.adminPath("/users/" + userId), admin(), rep);
        assertEquals(204, r.status(), r.toString());
    }

    void join(String userId, String groupId) {
        Http.Reply r = http.putJson(realm.adminPath("/users/" + userId + "/groups/" + groupId), admin(), Map.of());
        assertEquals(204, r.status(), r.toString());
    }

    /** Creates a top-level group; answers its id. */
    public String group(String name) {
        Http.Reply r = http.postJson(realm.adminPath("/groups"), admin(), Map.of("name", name));
        assertEquals(201, r.status(), r.toString());
        return r.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
    }

    public static <T> T await(String what, Supplier<T> probe) {
        return await(what, Duration.ofSeconds(60), probe);
    }

    static <T> T await(String what, Duration timeout, Supplier<T> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
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

    /** An error answer of ours: the status, the code and a sentence. */
    static void error(int status, String code, Http.Reply r) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.json().get("error").asText(), r.toString());
        assertTrue(r.json().get("error_description").asText().length() > 10, r.toString());
    }

    /** Tokens of rita (review-admin), ada (auditor) and carl (neither): both sides of the lifecycle role checks. */
    Callers callers() {
        realm.user("rita", "Rita-pass-1", "review-admin");
        realm.user("ada", "Ada-pass-1", "auditor");
        realm.user("carl", "Carl-pass-1");
        return new Callers(realm.token("rita", "Rita-pass-1"), realm.token("ada", "Ada-pass-1"), realm.token("carl", "Carl-pass-1"));
    }

    record Callers(String reviewAdmin, String auditor, String nobody) {
    }
}
