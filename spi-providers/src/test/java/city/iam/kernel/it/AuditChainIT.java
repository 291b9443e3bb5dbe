package city.iam.kernel.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditChainIT {

    private TestServer server;
    private Http http;
    private RealmFixture realm;
    private String auditor;

    @BeforeAll
    void setUp(TestServer server) {
        this.server = server;
        this.http = server.http();
        this.realm = RealmFixture.create(server, "audit");
        realm.user("ada", "ada-pass-1", "auditor");
        realm.user("rita", "rita-pass-1", "review-admin");
        auditor = realm.token("ada", "ada-pass-1");
    }

    @Test
    void adminChangeIsChainedAndVerifies() {
        String userId = realm.user("new-joiner", "pw-joiner-1");

        JsonNode entries = http.get(realm.adminPath("/city-iam/audit?action=keycloak.admin.user.create&order=desc"), auditor).json();
        JsonNode created = null;
        for (JsonNode e : entries) {
            if (e.get("subject").asText().equals("users/" + userId)) {
                created = e;
            }
        }
        assertNotNull(created, "user creation is in the chain: " + entries);
        assertEquals("admin", created.at("/actor/name").asText(), "names the individual admin");
        assertEquals("user", created.at("/actor/type").asText());
        assertEquals("CREATE", created.at("/payload/operation").asText());
        assertFalse(created.toString().contains("pw-joiner-1"), "no credential in the audit payload");
        assertEquals(64, created.get("hash").asText().length());

        JsonNode report = http.postJson(realm.adminPath("/city-iam/audit/verify"), auditor, "").json();
        assertTrue(report.get("valid").asBoolean(), report.toString());
        assertTrue(report.get("entries_checked").asLong() >= 3, report.toString());
    }

    @Test
    void rowAlteredInTheDatabaseIsNamedByVerify() throws Exception {
        // Only the Testcontainers profile has no reachable database; the default harness always does.
        Assumptions.assumeTrue(server.database().isPresent(), "database reachable from the test JVM");
        RealmFixture tampered = RealmFixture.create(server, "tamper");
        tampered.user("ada", "ada-pass-1", "auditor");
        tampered.user("user1", "pw-u1-123");
        tampered.user("user2", "pw-u2-123");
        String token = tampered.token("ada", "ada-pass-1");
        assertTrue(http.postJson(tampered.adminPath("/city-iam/audit/verify"), token, "").json().get("valid").asBoolean());

        long target;
        try (Connection c = server.database().orElseThrow().connect()) {
            String realmId = tampered.realmId();
            try (PreparedStatement q = c.prepareStatement(
                    "select SEQ from CITYIAM_AUDIT_ENTRY where REALM_ID = ? and ACTION = 'keycloak.admin.user.create' order by SEQ")) {
                q.setString(1, realmId);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    rs.next();
                    target = rs.getLong(1);
                }
            }
            try (PreparedStatement u = c.prepareStatement(
                    "update CITYIAM_AUDIT_ENTRY set ACTOR_NAME = 'someone-else' where REALM_ID = ? and SEQ = ?")) {
                u.setString(1, realmId);
                u.setLong(2, target);
                assertEquals(1, u.executeUpdate());
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        JsonNode report = http.postJson(tampered.adminPath("/city-iam/audit/verify"), token, "").json();
        assertFalse(report.get("valid").asBoolean(), report.toString());
        assertEquals(target, report.at("/first_broken/seq").asLong(), report.toString());
        assertEquals("modified", report.at("/first_broken/reason").asText());
        tampered.delete();
    }

    @Test
    void onlyAuditorsReadAndNobodyWrites() {
        String reviewAdmin = realm.token("rita", "rita-pass-1");
        String path = realm.adminPath("/city-iam/audit");

        assertEquals(401, http.get(path, null).status());
        assertEquals(401, http.postJson(path + "/verify", null, "").status());
        Http.Reply forbidden = http.get(path, reviewAdmin);
        assertEquals(403, forbidden.status());
        assertEquals("forbidden", forbidden.json().get("error").asText());
        assertTrue(forbidden.json().get("error_description").asText().contains("auditor"));
        assertEquals(403, http.postJson(path + "/verify", reviewAdmin, "").status());
        assertEquals(403, http.get(path + "/export", reviewAdmin).status());
        assertEquals(403, http.get(path, server.masterToken()).status(), "even the master admin is not an auditor");

        long before = http.get(path + "?order=desc&max=1", auditor).json().get(0).get("seq").asLong();
        assertRefused(http.postJson(path, auditor, Map.of("action", "forged")));
        assertRefused(http.putJson(path, auditor, Map.of("action", "forged")));
        assertRefused(http.delete(path, auditor));
        assertRefused(http.delete(path + "/1", auditor));
        JsonNode newest = http.get(path + "?order=desc&max=1", auditor).json().get(0);
        assertEquals(before, newest.get("seq").asLong(), "no write reached the chain: " + newest);
    }

    private static void assertRefused(Http.Reply reply) {
        assertTrue(reply.status() == 404 || reply.status() == 405, "write refused: " + reply);
    }

    @Test
    void badQueriesAreClearErrors() {
        String path = realm.adminPath("/city-iam/audit");
        Http.Reply tooMany = http.get(path + "?max=5000", auditor);
        assertEquals(400, tooMany.status());
        assertEquals("invalid_paging", tooMany.json().get("error").asText());
        Http.Reply badTime = http.get(path + "?from=yesterday", auditor);
        assertEquals(400, badTime.status());
        assertEquals("invalid_time", badTime.json().get("error").asText());
        assertEquals("invalid_order", http.get(path + "?order=sideways", auditor).json().get("error").asText());
    }

    @Test
    void exportStreamsTheChainAsNdjson() {
        Http.Reply export = http.get(realm.adminPath("/city-iam/audit/export"), auditor);
        assertEquals(200, export.status(), export.body());
        String[] lines = export.body().strip().split("\n");
        assertTrue(lines.length >= 2);
        assertTrue(lines[0].contains("\"seq\":1"), lines[0]);
    }
}
