package city.iam.federation.it;

import city.iam.federation.aggregate.SignedAggregate;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SAML metadata aggregates (B6) against a real server: 5 000 generated IdPs signed with a test key, imported from
 * a URL and refreshed; a tampered aggregate refused with nothing changed; roles and bad input on the admin API.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AggregateIT {

    private static final int ENTITIES = 5_000;
    private static final String BASE = "/federation/aggregates";

    private TestServer server;
    private Http http;
    private RealmFixture realm;
    private String manager;
    private String viewer;
    private String nobody;
    private SignedAggregate.Signer federation;
    private SignedAggregate.Signer idpKey;
    private HttpServer mds;
    private final AtomicReference<byte[]> published = new AtomicReference<>();
    private String url;

    @BeforeAll
    void setUp(TestServer server) throws Exception {
        this.server = server;
        http = server.http();
        realm = RealmFixture.create(server, "agg");
        userWithRealmRoles("ida", "Ida-pass-1", "manage-identity-providers", "view-identity-providers");
        userWithRealmRoles("vic", "Vic-pass-1", "view-identity-providers");
        realm.user("carl", "Carl-pass-1");
        realm.user("ada", "Ada-pass-1", "auditor");
        manager = realm.token("ida", "Ida-pass-1");
        viewer = realm.token("vic", "Vic-pass-1");
        nobody = realm.token("carl", "Carl-pass-1");
        StakeholderIdp.expect(201, http.postJson(realm.adminPath("/clients"), server.masterToken(), Map.of(
                "clientId", StakeholderIdp.APP, "enabled", true, "publicClient", true, "standardFlowEnabled", true,
                "redirectUris", List.of(StakeholderIdp.APP_REDIRECT))));
        federation = SignedAggregate.signer("City Test Federation Signer");
        idpKey = SignedAggregate.signer("Generated IdP", true);
        mds = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        mds.createContext("/aggregate.xml", exchange -> {
            byte[] body = published.get();
            exchange.getResponseHeaders().add("Content-Type", "application/samlmetadata+xml");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        mds.start();
        url = "http://127.0.0.1:" + mds.getAddress().getPort() + "/aggregate.xml";
    }

    @AfterAll
    void tearDown() {
        if (mds != null) {
            mds.stop(0);
        }
    }

    private void userWithRealmRoles(String username, String password, String... roles) {
        String userId = realm.user(username, password);
        String admin = server.masterToken();
        String rm = realm.clientUuid("realm-management");
        List<JsonNode> reps = new java.util.ArrayList<>();
        for (String role : roles) {
            reps.add(http.get(realm.adminPath("/clients/" + rm + "/roles/" + role), admin).json());
        }
        StakeholderIdp.expect(204, http.postJson(realm.adminPath("/users/" + userId + "/role-mappings/clients/" + rm), admin, reps));
    }

    private Map<String, Object> definition(String url, String interval) {
        Map<String, Object> d = new HashMap<>(Map.of("signing_certificate", federation.pem()));
        if (url != null) {
            d.put("url", url);
        }
        if (interval != null) {
            d.put("refresh_interval", interval);
        }
        return d;
    }

    private Http.Reply slowPost(String path, String token, byte[] body) {
        HttpRequest.Builder b = http.request(realm.adminPath(path), token).timeout(Duration.ofMinutes(15));
        if (body == null) {
            b.POST(HttpRequest.BodyPublishers.noBody());
        } else {
            b.header("Content-Type", "application/samlmetadata+xml").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        }
        return http.send(b.build());
    }

    private static void error(int status, String code, Http.Reply r) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.json().get("error").asText(), r.toString());
        assertTrue(r.json().get("error_description").asText().length() > 10, r.toString());
    }

    /** The IdP the aggregate created for generated entity {@code i}, by its alias (agg-big-<sha256(entityID)[0..20]>). */
    private JsonNode idp(String entityIndex) throws Exception {
        byte[] h = java.security.MessageDigest.getInstance("SHA-256")
                .digest(("https://idp" + entityIndex + ".example.org/idp").getBytes(StandardCharsets.UTF_8));
        String alias = "agg-big-" + java.util.HexFormat.of().formatHex(h).substring(0, 20);
        Http.Reply r = http.get(realm.adminPath("/identity-provider/instances/" + alias), manager);
        StakeholderIdp.expect(200, r);
        return r.json();
    }

    @Test
    @Order(1)
    void rolesAreChecked() {
        assertEquals(401, http.get(realm.adminPath(BASE), null).status());
        error(403, "forbidden", http.get(realm.adminPath(BASE), nobody));
        assertEquals(200, http.get(realm.adminPath(BASE), viewer).status());
        error(403, "forbidden", http.putJson(realm.adminPath(BASE + "/small"), viewer, definition(null, null)));
        error(403, "forbidden", slowPost(BASE + "/small/import", viewer, "<x/>".getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, http.putJson(realm.adminPath(BASE + "/small"), manager, definition(null, null)).status());
        assertEquals(200, http.putJson(realm.adminPath(BASE + "/small"), manager, definition(null, null)).status());
        assertEquals(200, http.get(realm.adminPath(BASE + "/small"), viewer).status());
    }

    @Test
    @Order(2)
    void badInputIsA4xxAndChangesNothing() {
        error(400, "invalid_name", http.putJson(realm.adminPath(BASE + "/Bad_Name"), manager, definition(null, null)));
        error(400, "invalid_signing_certificate", http.putJson(realm.adminPath(BASE + "/x"), manager,
                Map.of("signing_certificate", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")));
        error(400, "missing_signing_certificate", http.putJson(realm.adminPath(BASE + "/x"), manager, Map.of("url", url)));
        error(400, "invalid_url", http.putJson(realm.adminPath(BASE + "/x"), manager, definition("file:///etc/passwd", null)));
        error(400, "invalid_json", http.putJson(realm.adminPath(BASE + "/x"), manager, Map.of("signing_certificate", federation.pem(), "surprise", 1)));
        error(404, "aggregate_not_found", slowPost(BASE + "/x/import", manager, "<x/>".getBytes(StandardCharsets.UTF_8)));
        error(400, "malformed_metadata", slowPost(BASE + "/small/import", manager, "<md:EntitiesDescriptor".getBytes(StandardCharsets.UTF_8)));
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">&x;</md:EntitiesDescriptor>";
        error(400, "malformed_metadata", slowPost(BASE + "/small/import", manager, xxe.getBytes(StandardCharsets.UTF_8)));
        error(400, "expired_metadata", slowPost(BASE + "/small/import", manager, SignedAggregate.sign(
                SignedAggregate.unsigned(Instant.now().minusSeconds(60), SignedAggregate.entities(3, idpKey.base64())), federation)));
        error(409, "no_url", slowPost(BASE + "/small/refresh", manager, null));
        assertEquals(404, http.get(realm.adminPath(BASE + "/x"), manager).status());
        assertEquals(0, http.get(realm.adminPath("/identity-provider/instances?search=agg-&max=5"), manager).json().size());
    }

    @Test
    @Order(3)
    void fiveThousandSignedEntitiesImportedRefreshedAndATamperedAggregateRefused() throws Exception {
        long g0 = System.nanoTime();
        String entities = SignedAggregate.entities(ENTITIES, idpKey.base64());
        byte[] signed = SignedAggregate.sign(SignedAggregate.unsigned(Instant.now().plus(Duration.ofDays(7)), entities), federation);
        long generateMs = (System.nanoTime() - g0) / 1_000_000;
        published.set(signed);
        StakeholderIdp.expect(201, http.putJson(realm.adminPath(BASE + "/big"), manager, definition(url, "PT6H")));

        long t0 = System.nanoTime();
        Http.Reply first = slowPost(BASE + "/big/refresh", manager, null);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        StakeholderIdp.expect(200, first);
        JsonNode s1 = first.json();
        assertEquals(ENTITIES, s1.get("idps").asInt(), s1.toString());
        assertEquals(ENTITIES / 100, s1.get("non_idp").asInt(), s1.toString());
        assertEquals(ENTITIES, s1.get("sync").get("created").asInt(), s1.toString());
        long parseVerifyIndex = s1.get("parse_ms").asLong() + s1.get("verify_ms").asLong() + s1.get("index_ms").asLong();

        JsonNode one = idp("42");
        assertTrue(one.get("hideOnLogin").asBoolean(), one.toString());
        assertEquals("saml", one.get("providerId").asText());
        assertEquals("https://idp42.example.org/sso", one.get("config").get("singleSignOnServiceUrl").asText());
        assertEquals("big", one.get("config").get("city.aggregate").asText());
        // The login page does not list thousands of IdPs.
        Http.Reply loginPage = http.get("/realms/" + realm.name() + "/protocol/openid-connect/auth?client_id=" + StakeholderIdp.APP
                + "&response_type=code&scope=openid&redirect_uri=" + StakeholderIdp.APP_REDIRECT, null);
        assertEquals(200, loginPage.status());
        assertFalse(loginPage.body().contains("Organisation 42"), "aggregate IdPs must be hidden on the login page");

        // Unchanged refresh: nothing written.
        long t1 = System.nanoTime();
        JsonNode s2 = slowPost(BASE + "/big/refresh", manager, null).json();
        long secondMs = (System.nanoTime() - t1) / 1_000_000;
        assertEquals(ENTITIES, s2.get("sync").get("unchanged").asInt(), s2.toString());
        assertEquals(0, s2.get("sync").get("created").asInt(), s2.toString());

        // Tampered: one SSO URL changed after signing. Refused, nothing changed.
        String tampered = new String(signed, StandardCharsets.UTF_8).replace("https://idp42.example.org/sso", "https://evil.example.com/sso");
        published.set(tampered.getBytes(StandardCharsets.UTF_8));
        error(400, "invalid_signature", slowPost(BASE + "/big/refresh", manager, null));
        error(400, "invalid_signature", slowPost(BASE + "/big/import", manager, tampered.getBytes(StandardCharsets.UTF_8)));
        assertEquals("https://idp42.example.org/sso", idp("42").get("config").get("singleSignOnServiceUrl").asText());

        // A new signed version without entity 8 and with entity 9 moved: one disabled, one updated.
        String v2 = SignedAggregate.entities(ENTITIES, idpKey.base64())
                .replace(SignedAggregate.idp(8, idpKey.base64(), "https://federation.example.org", List.of()), "")
                .replace("https://idp9.example.org/sso", "https://idp9.example.org/sso-v2");
        published.set(SignedAggregate.sign(SignedAggregate.unsigned(Instant.now().plus(Duration.ofDays(8)), v2), federation));
        JsonNode s3 = slowPost(BASE + "/big/refresh", manager, null).json();
        assertEquals(1, s3.get("sync").get("disabled").asInt(), s3.toString());
        assertEquals(1, s3.get("sync").get("updated").asInt(), s3.toString());
        assertFalse(idp("8").get("enabled").asBoolean());
        assertEquals("https://idp9.example.org/sso-v2", idp("9").get("config").get("singleSignOnServiceUrl").asText());

        // Audit: one entry per successful import.
        String auditor = realm.token("ada", "Ada-pass-1");
        JsonNode audit = http.get(realm.adminPath("/city-iam/audit?action=federation.aggregate.import"), auditor).json();
        assertEquals(3, audit.size(), audit.toString());

        String figures = String.format(java.util.Locale.ROOT,
                "entities=%d bytes=%d generate+sign_ms=%d | first import: parse_ms=%d verify_ms=%d index_ms=%d (parse+verify+index=%d ms)"
                        + " write_ms=%d request_ms=%d | unchanged refresh: parse+verify+index=%d ms write_ms=%d request_ms=%d",
                ENTITIES, signed.length, generateMs, s1.get("parse_ms").asLong(), s1.get("verify_ms").asLong(), s1.get("index_ms").asLong(),
                parseVerifyIndex, s1.get("sync").get("write_ms").asLong(), firstMs,
                s2.get("parse_ms").asLong() + s2.get("verify_ms").asLong() + s2.get("index_ms").asLong(), s2.get("sync").get("write_ms").asLong(), secondMs);
        System.out.println("AGGREGATE-PERF " + figures);
        Files.writeString(Path.of("target", "aggregate-perf.txt"), figures + "\n");
    }

    @Test
    @Order(4)
    void scheduledJobRefreshesDueAggregates() throws Exception {
        published.set(SignedAggregate.sign(SignedAggregate.unsigned(Instant.now().plus(Duration.ofDays(7)),
                SignedAggregate.entities(20, idpKey.base64())), federation));
        StakeholderIdp.expect(201, http.putJson(realm.adminPath(BASE + "/job"), manager, definition(url, "PT5M")));
        Http.Reply run = slowPost(BASE + "/refresh-due", manager, null);
        assertTrue(run.status() == 202 || run.status() == 200, run.toString());
        JsonNode status = null;
        for (int i = 0; i < 120; i++) {
            status = http.get(realm.adminPath(BASE + "/job"), manager).json().get("status");
            if (status != null && status.has("last_success")) {
                break;
            }
            Thread.sleep(1000);
        }
        assertTrue(status != null && status.has("last_success"), String.valueOf(status));
        assertEquals(20, status.get("idps").asInt());
        assertEquals(20, http.get(realm.adminPath("/identity-provider/instances?search=agg-job-&max=50"), manager).json().size());
    }
}
