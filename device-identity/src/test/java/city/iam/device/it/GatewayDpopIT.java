package city.iam.device.it;

import city.iam.device.TestPki;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario S6: a gateway behind a TLS terminator (no client certificate reaches Keycloak) authenticates with
 * private_key_jwt signed by its attested key and binds its token with DPoP to that same key.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GatewayDpopIT {

    private TestServer server;
    private Http http;
    private RealmFixture realm;
    private String admin;
    private TestPki.Issuer manufacturer;
    private KeyPair gatewayKey;
    private String deviceId;

    @BeforeAll
    void setUp(TestServer server) {
        this.server = server;
        this.http = server.http();
        manufacturer = TestTrust.load("manufacturer");
        realm = RealmFixture.create(server, "gateways");
        realm.user("devon", "devon-pass-1", "device-admin");
        admin = realm.token("devon", "devon-pass-1");
        assertEquals(201, http.postJson(realm.adminPath("/clients"), server.masterToken(), Map.of("clientId", "data-platform",
                "secret", "dp-secret-1", "publicClient", false, "standardFlowEnabled", false)).status());
        String pin = http.postJson(realm.adminPath("/device-identity/trust-anchors"), admin,
                Map.of("certificate", TestPki.pem(manufacturer.cert()), "purpose", "idevid")).json().get("pin").asText();
        assertEquals(201, http.putJson(realm.adminPath("/device-identity/groups/gateways"), admin, Map.of("anchors", List.of(pin),
                "evidence_types", List.of("eat"), "serial_allowlist", List.of("GW-*"), "quota", 5, "audiences", List.of("data-platform"),
                "token_binding", "dpop")).status());

        TestPki.Issuer idevid = TestPki.idevid(manufacturer, "GW-0001");
        gatewayKey = TestPki.ecKeys();
        String nonce = http.postJson(path("/device-identity/challenge"), null, Map.of("group", "gateways")).json().get("nonce").asText();
        Http.Reply enrolled = http.postJson(path("/device-identity/enroll"), null, Map.of("group", "gateways",
                "csr", TestPki.csrPem(gatewayKey, "CN=x"),
                "evidence", TestPki.sign(TestPki.claims(nonce, "GW-0001", gatewayKey.getPublic()).build(), idevid,
                        List.of(idevid.cert(), manufacturer.cert()))));
        assertEquals(201, enrolled.status(), enrolled.body());
        deviceId = enrolled.json().get("device_id").asText();
    }

    private String path(String p) {
        return "/realms/" + realm.name() + p;
    }

    private String issuer() {
        return server.baseUrl() + path("");
    }

    private String tokenUrl() {
        return issuer() + "/protocol/openid-connect/token";
    }

    private String assertion(KeyPair key, String kid) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build(), new JWTClaimsSet.Builder()
                .issuer("fleet-gateways").subject("fleet-gateways").audience(issuer()).jwtID(UUID.randomUUID().toString())
                .issueTime(new Date()).expirationTime(new Date(System.currentTimeMillis() + 50_000)).build());
        jwt.sign(new ECDSASigner(key.getPrivate(), Curve.P_256));
        return jwt.serialize();
    }

    private String dpop(KeyPair key, String method, String url, String accessToken) throws Exception {
        ECKey jwk = new ECKey.Builder(Curve.P_256, (ECPublicKey) key.getPublic()).build();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().jwtID(UUID.randomUUID().toString()).issueTime(new Date())
                .claim("htm", method).claim("htu", url);
        if (accessToken != null) {
            claims.claim("ath", Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(accessToken.getBytes(StandardCharsets.US_ASCII))));
        }
        SignedJWT proof = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("dpop+jwt")).jwk(jwk).build(), claims.build());
        proof.sign(new ECDSASigner(key.getPrivate(), Curve.P_256));
        return proof.serialize();
    }

    private Http.Reply token(String assertion, String dpopProof) {
        String body = Map.of("grant_type", "client_credentials", "client_id", "fleet-gateways", "scope", "openid",
                        "client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "client_assertion", assertion)
                .entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = http.request(tokenUrl(), null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (dpopProof != null) {
            b.header("DPoP", dpopProof);
        }
        return http.send(b.build());
    }

    private static JsonNode claims(String jwt) throws Exception {
        return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void attestedKeyGetsADpopBoundDeviceToken() throws Exception {
        Http.Reply r = token(assertion(gatewayKey, deviceId), dpop(gatewayKey, "POST", tokenUrl(), null));
        assertEquals(200, r.status(), r.body());
        assertEquals("DPoP", r.json().get("token_type").asText());
        String accessToken = r.json().get("access_token").asText();
        JsonNode claims = claims(accessToken);
        String jkt = new ECKey.Builder(Curve.P_256, (ECPublicKey) gatewayKey.getPublic()).build().computeThumbprint().toString();
        assertEquals(jkt, claims.at("/cnf/jkt").asText(), "bound to the attested key");
        assertEquals(deviceId, claims.get("device_id").asText());

        String userinfo = issuer() + "/protocol/openid-connect/userinfo";
        Http.Reply withProof = http.send(http.request(userinfo, null).header("Authorization", "DPoP " + accessToken)
                .header("DPoP", dpop(gatewayKey, "GET", userinfo, accessToken)).GET().build());
        assertEquals(200, withProof.status(), withProof.body());
        Http.Reply asBearer = http.get(userinfo, accessToken);
        assertEquals(401, asBearer.status(), "a DPoP-bound token is useless as a bearer token: " + asBearer.body());

        Http.Reply introspection = http.postForm(path("/protocol/openid-connect/token/introspect"), null,
                Map.of("token", accessToken, "client_id", "data-platform", "client_secret", "dp-secret-1"));
        assertTrue(introspection.json().get("active").asBoolean(), introspection.body());
        assertEquals(deviceId, introspection.json().get("device_id").asText());
    }

    @Test
    void assertionsAndProofsWithOtherKeysOrReplaysAreRefused() throws Exception {
        KeyPair stranger = TestPki.ecKeys();
        Http.Reply notAttested = token(assertion(stranger, deviceId), dpop(stranger, "POST", tokenUrl(), null));
        assertEquals(401, notAttested.status(), notAttested.body());
        assertEquals("invalid_client", notAttested.json().get("error").asText());

        Http.Reply otherDpopKey = token(assertion(gatewayKey, deviceId), dpop(stranger, "POST", tokenUrl(), null));
        assertEquals(400, otherDpopKey.status(), otherDpopKey.body());
        assertEquals("invalid_dpop_proof", otherDpopKey.json().get("error").asText());

        Http.Reply noDpop = token(assertion(gatewayKey, deviceId), null);
        assertEquals(400, noDpop.status(), noDpop.body());
        assertEquals("invalid_dpop_proof", noDpop.json().get("error").asText());

        String proof = dpop(gatewayKey, "POST", tokenUrl(), null);
        assertEquals(200, token(assertion(gatewayKey, deviceId), proof).status());
        Http.Reply replayedProof = token(assertion(gatewayKey, deviceId), proof);
        assertEquals(400, replayedProof.status(), replayedProof.body());
        // Keycloak's own DPoP replay check answers invalid_request (ours answer invalid_dpop_proof).
        assertTrue(List.of("invalid_dpop_proof", "invalid_request").contains(replayedProof.json().get("error").asText()), replayedProof.body());
        assertTrue(replayedProof.body().contains("DPoP"), replayedProof.body());

        String once = assertion(gatewayKey, deviceId);
        assertEquals(200, token(once, dpop(gatewayKey, "POST", tokenUrl(), null)).status());
        Http.Reply replayedAssertion = token(once, dpop(gatewayKey, "POST", tokenUrl(), null));
        assertEquals(401, replayedAssertion.status(), replayedAssertion.body());
    }
}
