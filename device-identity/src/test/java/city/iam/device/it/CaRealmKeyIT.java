package city.iam.device.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The city device CA signing with a Keycloak realm key: the key stays in Keycloak's custody, the row only names it. */
@ExtendWith(KeycloakServerExtension.class)
class CaRealmKeyIT {

    @Test
    void aCaOnAPassiveRealmKeySignsAndStopsWhenTheKeyIsDisabled(TestServer server) throws Exception {
        Http http = server.http();
        RealmFixture realm = RealmFixture.create(server, "cakey");
        realm.user("devon", "devon-pass-1", "device-admin");
        String admin = realm.token("devon", "devon-pass-1");
        String master = server.masterToken();

        // A passive key never signs tokens, so the CA's key is kept apart from the realm's token keys.
        Http.Reply component = http.postJson(realm.adminPath("/components"), master, Map.of("name", "city-device-ca",
                "providerId", "ecdsa-generated", "providerType", "org.keycloak.keys.KeyProvider", "parentId", realm.realmId(),
                "config", Map.of("priority", List.of("0"), "enabled", List.of("true"), "active", List.of("false"),
                        "ecdsaEllipticCurveKey", List.of("P-256"))));
        assertEquals(201, component.status(), component.body());
        String componentId = component.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        JsonNode key = null;
        for (JsonNode k : http.get(realm.adminPath("/keys"), master).json().get("keys")) {
            if (componentId.equals(k.get("providerId").asText())) {
                key = k;
            }
        }
        assertTrue(key != null && "PASSIVE".equals(key.get("status").asText()), String.valueOf(key));
        String kid = key.get("kid").asText();

        Http.Reply unknown = http.postJson(realm.adminPath("/device-identity/ca/generate"), admin, Map.of("realm_key", "no-such-key"));
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("unknown_realm_key", unknown.json().get("error").asText());
        Http.Reply stray = http.postJson(realm.adminPath("/device-identity/ca/generate"), admin, Map.of("realm_key", kid, "size", 4096));
        assertEquals(400, stray.status(), stray.body());
        assertEquals(1, http.get(realm.adminPath("/device-identity/ca"), admin).json().size(), "refusals made no CA");

        Http.Reply made = http.postJson(realm.adminPath("/device-identity/ca/generate"), admin, Map.of("realm_key", kid));
        assertEquals(201, made.status(), made.body());
        assertEquals(kid, made.json().get("realm_key").asText());
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(made.json().get("certificate").asText().getBytes()));
        assertArrayEquals(Base64.getDecoder().decode(key.get("publicKey").asText()), ca.getPublicKey().getEncoded(),
                "the CA certificate is for the realm key");

        byte[] crl = http.getBytes("/realms/" + realm.name() + "/device-identity/crl", null);
        X509CRL list = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crl));
        list.verify(ca.getPublicKey());

        Assumptions.assumeTrue(server.database().isPresent(), "database reachable from the test JVM");
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement q = c.prepareStatement("select KEY_PKCS8, KEY_ID from CITYIAM_DEV_CA where ID = ?")) {
            q.setString(1, made.json().get("id").asText());
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertNull(rs.getString(1), "no private key in the module's table");
                assertEquals(kid, rs.getString(2));
            }
        }

        JsonNode rep = http.get(realm.adminPath("/components/" + componentId), master).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) rep.get("config")).set("enabled", Http.JSON.valueToTree(List.of("false")));
        assertEquals(204, http.putJson(realm.adminPath("/components/" + componentId), master, rep).status());
        Http.Reply stopped = http.get("/realms/" + realm.name() + "/device-identity/crl", null);
        assertEquals(409, stopped.status(), stopped.body());
        assertEquals("ca_key_unavailable", stopped.json().get("error").asText());
    }

    @Test
    void aCaKeyWeakerThanTheDeviceKeyPolicyIsNamedByTheFleetReport(TestServer server) {
        Http http = server.http();
        RealmFixture realm = RealmFixture.create(server, "weakca");
        realm.user("devon", "devon-pass-1", "device-admin");
        String admin = realm.token("devon", "devon-pass-1");
        String master = server.masterToken();
        assertEquals(0, http.get(realm.adminPath("/device-identity/fleet-report"), admin).json().get("weak_ca_keys").size());

        Http.Reply component = http.postJson(realm.adminPath("/components"), master, Map.of("name", "legacy-ca",
                "providerId", "rsa-generated", "providerType", "org.keycloak.keys.KeyProvider", "parentId", realm.realmId(),
                "config", Map.of("priority", List.of("0"), "enabled", List.of("true"), "active", List.of("false"), "keySize", List.of("2048"))));
        assertEquals(201, component.status(), component.body());
        String componentId = component.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
        String kid = null;
        for (JsonNode k : http.get(realm.adminPath("/keys"), master).json().get("keys")) {
            if (componentId.equals(k.get("providerId").asText())) {
                kid = k.get("kid").asText();
            }
        }
        Http.Reply made = http.postJson(realm.adminPath("/device-identity/ca/generate"), admin, Map.of("realm_key", kid));
        assertEquals(201, made.status(), made.body());
        JsonNode weak = http.get(realm.adminPath("/device-identity/fleet-report"), admin).json().get("weak_ca_keys");
        assertEquals(1, weak.size(), weak.toString());
        assertEquals("RSA 2048", weak.get(0).get("key").asText());
        assertEquals(made.json().get("id").asText(), weak.get(0).get("id").asText());
        assertTrue(weak.get(0).get("active").asBoolean());
    }
}
