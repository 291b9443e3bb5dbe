package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario S5 (LJ-36, LJ-37, LJ-40): an owner-less service account and a stale client secret are flagged, so are
 * a privileged user without MFA (privilege through a group and through realm-management), a password change
 * left pending and passwords older than the realm's expiry; a privileged user with OTP is not. A finding is
 * acknowledged with a reason (auditors cannot), and fixing a cause resolves its finding on the next run.
 */
class HygieneFindingsIT extends ClockedLifecycleIT {

    @Test
    void serviceAccountsSecretsAndCredentialHygiene(TestServer server) {
        city = new LifecycleRealm(server, "s5", true);
        Http http = city.http;
        city.clock(0);
        realmSettings(Map.of("city-iam.lifecycle.service-account-unused-after", "P30D"), "forceExpiredPasswordChange(30)");

        city.realm.user("olga", "Olga-pass-1");
        city.createClient("meter-sync", "meter-sync-secret-1");
        String billing = city.createClient("billing-export", "billing-secret-1");
        long fourHundredDaysAgo = Instant.now().minus(Duration.ofDays(400)).getEpochSecond();
        updateClientAttributes(billing, Map.of("city-iam.owner", "olga", "client.secret.creation.time", Long.toString(fourHundredDaysAgo)));

        Http.Reply role = http.postJson(city.realm.adminPath("/roles"), city.admin(), Map.of("name", "city-operator",
                "attributes", Map.of("city-iam.privileged", List.of("true"))));
        assertEquals(201, role.status(), role.toString());
        String ops = city.group("ops");
        JsonNode operator = http.get(city.realm.adminPath("/roles/city-operator"), city.admin()).json();
        assertEquals(204, http.postJson(city.realm.adminPath("/groups/" + ops + "/role-mappings/realm"), city.admin(), List.of(operator)).status());

        String pat = city.realm.user("pat", "Pat-pass-1");
        city.join(pat, ops);
        importUserWithOtp("mia");
        city.join(userId("mia"), ops);
        String rob = city.realm.user("rob", "Rob-pass-1");
        grantRealmManagement(rob, "manage-users");
        city.realm.user("carl", "Carl-pass-1");
        Http.Reply newbie = http.postJson(city.realm.adminPath("/users"), city.admin(), Map.of("username", "newbie", "enabled", true,
                "requiredActions", List.of("UPDATE_PASSWORD")));
        assertEquals(201, newbie.status(), newbie.toString());
        String auditor = city.realm.user("ada", "Ada-pass-1", "auditor");

        // Forty days on: billing-export is used then, meter-sync never was.
        Instant later = city.clock(40);
        city.clientCredentialsToken("billing-export", "billing-secret-1");
        city.awaitLastAuth(userId("service-account-billing-export"), later.minusSeconds(5));

        // Ada's password has expired under the realm's policy by now; a new one lets her sign in (and keeps her off that list).
        assertEquals(204, http.putJson(city.realm.adminPath("/users/" + auditor + "/reset-password"), city.admin(),
                Map.of("type", "password", "value", "Ada-pass-2", "temporary", false)).status());
        String auditorToken = city.realm.token("ada", "Ada-pass-2");
        String nobodyToken = tokenOfNobody();
        JsonNode run = city.runToCompletion("hygiene");
        assertTrue(run.get("changed").asLong() >= 9, run.toString());

        Set<String> open = findings("OPEN");
        assertEquals(new TreeSet<>(Set.of(
                "service_account_without_owner meter-sync",
                "unused_service_account meter-sync",
                "stale_client_secret billing-export",
                "privileged_without_mfa pat",
                "privileged_without_mfa rob",
                "pending_password_change newbie",
                "password_older_than_policy olga", "password_older_than_policy pat", "password_older_than_policy rob",
                "password_older_than_policy carl", "password_older_than_policy mia")), open);

        JsonNode patFinding = only("privileged_without_mfa", pat);
        assertEquals("5.17", patFinding.get("iso_control").asText());
        assertEquals("user", patFinding.get("subject_type").asText());
        String patId = patFinding.get("id").asText();

        assertEquals(200, http.get(city.path("/findings"), auditorToken).status(), "auditors read findings");
        Http.Reply auditorAck = http.postJson(city.path("/findings/" + patId + "/acknowledge"), auditorToken, Map.of("reason", "x"));
        assertEquals(403, auditorAck.status(), "auditors change nothing: " + auditorAck);
        assertEquals(403, http.get(city.path("/findings"), nobodyToken).status());

        Http.Reply noReason = http.postJson(city.path("/findings/" + patId + "/acknowledge"), city.admin(), Map.of());
        assertEquals(400, noReason.status(), noReason.toString());
        assertEquals("missing_reason", noReason.json().get("error").asText());
        Http.Reply unknown = http.postJson(city.path("/findings/no-such-finding/acknowledge"), city.admin(), Map.of("reason", "x"));
        assertEquals(404, unknown.status(), unknown.toString());
        assertEquals(400, http.get(city.path("/findings?kind=bogus"), city.admin()).status());
        assertEquals("OPEN", http.get(city.path("/findings/" + patId), city.admin()).json().get("status").asText(), "refusals changed nothing");

        Http.Reply ack = http.postJson(city.path("/findings/" + patId + "/acknowledge"), city.admin(),
                Map.of("reason", "Pat enrols a hardware key on Monday; accepted until then."));
        assertEquals(200, ack.status(), ack.toString());
        assertEquals("ACKNOWLEDGED", ack.json().get("status").asText());
        assertEquals(409, http.postJson(city.path("/findings/" + patId + "/acknowledge"), city.admin(), Map.of("reason", "again")).status());

        // Fix one cause: meter-sync gets an owner. The next run resolves that finding and keeps the acknowledged one.
        updateClientAttributes(city.realm.clientUuid("meter-sync"), Map.of("city-iam.owner", "olga"));
        city.runToCompletion("hygiene");
        JsonNode ownerless = http.get(city.path("/findings?kind=service_account_without_owner"), city.admin()).json();
        assertEquals(1, ownerless.size(), ownerless.toString());
        assertEquals("RESOLVED", ownerless.get(0).get("status").asText());
        assertFalse(ownerless.get(0).get("resolved_at").isNull());
        assertEquals("ACKNOWLEDGED", http.get(city.path("/findings/" + patId), city.admin()).json().get("status").asText());
        assertEquals(findings("OPEN").size(), open.size() - 2, "only meter-sync's owner finding resolved, pat's acknowledged");
    }

    @Test
    void duplicateAndOrphanedAccountsAreFindingsUntilFixed(TestServer server) {
        city = new LifecycleRealm(server, "s5acc", false);
        Http http = city.http;
        city.clock(0);
        city.allowUnmanagedAttributes();
        ObjectNode rep = (ObjectNode) http.get("/admin/realms/" + city.realm.name(), city.admin()).json();
        rep.put("duplicateEmailsAllowed", true);
        rep.put("loginWithEmailAllowed", false);
        rep.put("registrationEmailAsUsername", false);
        assertEquals(204, http.putJson("/admin/realms/" + city.realm.name(), city.admin(), rep).status());

        String ann = city.realm.user("ann", "Ann-pass-1");
        String annToo = city.realm.user("ann.b", "Ann-pass-2");
        city.email(ann, "Ann@City.example", Map.of());
        city.email(annToo, "ann@city.example", Map.of());
        String dis = city.realm.user("dis", "Dis-pass-1");
        JsonNode disRep = city.user(dis);
        ((ObjectNode) disRep).put("enabled", false);
        assertEquals(204, http.putJson(city.realm.adminPath("/users/" + dis), city.admin(), disRep).status());
        String gone = city.realm.user("gone", "Gone-pass-1");
        String uwe = city.realm.user("uwe", "Uwe-pass-1");
        String vic = city.realm.user("vic", "Vic-pass-1");
        String kim = city.realm.user("kim", "Kim-pass-1");
        city.userAttributes(uwe, Map.of("manager", "gone"));
        city.userAttributes(vic, Map.of("manager", dis));
        city.userAttributes(kim, Map.of("manager", "Ann"));
        assertEquals(204, http.delete(city.realm.adminPath("/users/" + gone), city.admin()).status());

        city.runToCompletion("hygiene");
        assertEquals(new TreeSet<>(Set.of("duplicate_account ann", "duplicate_account ann.b", "orphan_account uwe", "orphan_account vic")),
                findings("OPEN"));
        JsonNode duplicate = only("duplicate_account", ann);
        assertEquals("5.16", duplicate.get("iso_control").asText());
        assertTrue(duplicate.get("detail").asText().contains("ann.b"), duplicate.toString());
        assertTrue(only("orphan_account", uwe).get("detail").asText().contains("'gone' is not an account"));
        assertTrue(only("orphan_account", vic).get("detail").asText().contains("is disabled"));

        // Fixed: a separate address for the second account, a living manager for uwe. Vic's stays open.
        city.email(annToo, "ann.b@city.example", Map.of());
        city.userAttributes(uwe, Map.of("manager", "kim"));
        city.runToCompletion("hygiene");
        assertEquals(new TreeSet<>(Set.of("orphan_account vic")), findings("OPEN"));
    }

    private Set<String> findings(String status) {
        JsonNode list = city.http.get(city.path("/findings?status=" + status + "&max=100"), city.admin()).json();
        Set<String> out = new TreeSet<>();
        StreamSupport.stream(list.spliterator(), false).forEach(f -> out.add(f.get("kind").asText() + " " + f.get("subject_name").asText()));
        return out;
    }

    private JsonNode only(String kind, String subjectId) {
        JsonNode list = city.http.get(city.path("/findings?kind=" + kind + "&subject=" + subjectId), city.admin()).json();
        assertEquals(1, list.size(), list.toString());
        return list.get(0);
    }

    private void realmSettings(Map<String, String> attributes, String passwordPolicy) {
        ObjectNode rep = (ObjectNode) city.http.get("/admin/realms/" + city.realm.name(), city.admin()).json();
        ObjectNode attrs = rep.with("attributes");
        attributes.forEach(attrs::put);
        rep.put("passwordPolicy", passwordPolicy);
        assertEquals(204, city.http.putJson("/admin/realms/" + city.realm.name(), city.admin(), rep).status());
    }

    private void updateClientAttributes(String clientUuid, Map<String, String> attributes) {
        ObjectNode rep = (ObjectNode) city.http.get(city.realm.adminPath("/clients/" + clientUuid), city.admin()).json();
        attributes.forEach(rep.with("attributes")::put);
        Http.Reply r = city.http.putJson(city.realm.adminPath("/clients/" + clientUuid), city.admin(), rep);
        assertEquals(204, r.status(), r.toString());
    }

    private String userId(String username) {
        JsonNode users = city.http.get(city.realm.adminPath("/users?exact=true&username=" + username), city.admin()).json();
        assertEquals(1, users.size(), username + ": " + users);
        return users.get(0).get("id").asText();
    }

    private void grantRealmManagement(String userId, String roleName) {
        String rm = city.realm.clientUuid("realm-management");
        JsonNode role = city.http.get(city.realm.adminPath("/clients/" + rm + "/roles/" + roleName), city.admin()).json();
        Http.Reply r = city.http.postJson(city.realm.adminPath("/users/" + userId + "/role-mappings/clients/" + rm), city.admin(), List.of(role));
        assertEquals(204, r.status(), r.toString());
    }

    /** Partial import takes stored credentials as they are, so the user has a TOTP credential without a login. */
    private void importUserWithOtp(String username) {
        Map<String, Object> password = Map.of("type", "password", "value", "Mia-pass-1", "temporary", false);
        Map<String, Object> otp = Map.of("type", "otp", "userLabel", "phone",
                "secretData", "{\"value\":\"JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP\"}",
                "credentialData", "{\"subType\":\"totp\",\"digits\":6,\"counter\":0,\"period\":30,\"algorithm\":\"HmacSHA1\"}");
        Http.Reply r = city.http.postJson(city.realm.adminPath("/partialImport"), city.admin(), Map.of("ifResourceExists", "FAIL",
                "users", List.of(Map.of("username", username, "enabled", true, "credentials", List.of(password, otp)))));
        assertEquals(200, r.status(), r.toString());
    }

    private String tokenOfNobody() {
        city.realm.user("nobody", "Nobody-pass-1");
        return city.realm.token("nobody", "Nobody-pass-1");
    }
}
