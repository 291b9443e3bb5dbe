package city.iam.device.it;

import city.iam.device.TestPki;
import city.iam.kernel.tls.ClientCertHeaders;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.RealmFixture;
import city.iam.testing.SmtpSink;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenarios S1 and S4 over HTTPS with client certificates: EST enrolment with the IDevID, a certificate-bound
 * token for the LDevID through the fleet client, and revocation reaching introspection, the CRL and
 * re-enrolment.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceTokenIT {

    private TestServer server;
    private Http http;
    private RealmFixture realm;
    private String admin;
    private TestPki.Issuer manufacturer;
    private TestPki.Issuer cityCa;
    private String anchorPin;

    @BeforeAll
    void setUp(TestServer server) {
        this.server = server;
        this.http = server.http();
        manufacturer = TestTrust.load("manufacturer");
        cityCa = TestTrust.load("city-ca");
        realm = RealmFixture.create(server, "fleet");
        realm.user("devon", "devon-pass-1", "device-admin");
        admin = realm.token("devon", "devon-pass-1");
        realm.user("sigrid", "sigrid-pass-1", "device-signal-writer");
        realm.user("nobody", "nobody-pass-1");
        realm.user("ada", "ada-pass-1", "auditor");
        Http.Reply platform = http.postJson(realm.adminPath("/clients"), server.masterToken(), Map.of("clientId", "data-platform",
                "secret", "dp-secret-1", "publicClient", false, "standardFlowEnabled", false, "serviceAccountsEnabled", false));
        assertEquals(201, platform.status(), platform.body());
        assertEquals(201, http.postJson(realm.adminPath("/client-scopes"), server.masterToken(), Map.of("name", "sensor:write",
                "protocol", "openid-connect", "attributes", Map.of("include.in.token.scope", "true"))).status());
        Http.Reply ca = http.putJson(adminPath("/ca"), admin, Map.of("certificate", TestPki.pem(cityCa.cert()),
                "private_key", TestPki.pem("PRIVATE KEY", cityCa.keys().getPrivate().getEncoded())));
        assertEquals(201, ca.status(), ca.body());
        Http.Reply anchor = http.postJson(adminPath("/trust-anchors"), admin, Map.of("certificate", TestPki.pem(manufacturer.cert()), "purpose", "idevid"));
        assertEquals(201, anchor.status(), anchor.body());
        String pin = anchor.json().get("pin").asText();
        anchorPin = pin;
        Http.Reply group = http.putJson(adminPath("/groups/meters"), admin, Map.of("anchors", List.of(pin),
                "evidence_types", List.of("idevid-tls", "eat"), "serial_allowlist", List.of("M-*"), "quota", 20,
                "audiences", List.of("data-platform"), "scopes", List.of("sensor:write")));
        assertEquals(201, group.status(), group.body());
        Http.Reply strict = http.putJson(adminPath("/groups/strict"), admin, Map.of("anchors", List.of(pin),
                "evidence_types", List.of("idevid-tls"), "serial_allowlist", List.of("S-*"), "quota", 20, "min_firmware", "1.0"));
        assertEquals(201, strict.status(), strict.body());
    }

    private String adminPath(String p) {
        return realm.adminPath("/device-identity" + p);
    }

    private String realmPath(String p) {
        return "/realms/" + realm.name() + p;
    }

    private Http.Reply simpleEnroll(Http client, String group, KeyPair key) {
        return est(client, group, "simpleenroll", TestPki.csrPem(key, "CN=ignored"));
    }

    /** EST bodies are base64 DER (RFC 7030 §4.2.1). */
    private Http.Reply est(Http client, String group, String operation, String csrPem) {
        String b64 = csrPem.replaceAll("-----[A-Z ]+-----", "").trim();
        return client.send(client.request(realmPath("/device-identity/est/" + group + "/" + operation), null)
                .header("Content-Type", "application/pkcs10").POST(HttpRequest.BodyPublishers.ofString(b64)).build());
    }

    private static X509Certificate fromCertsOnly(String base64) throws Exception {
        CMSSignedData cms = new CMSSignedData(Base64.getMimeDecoder().decode(base64.trim()));
        X509CertificateHolder holder = (X509CertificateHolder) cms.getCertificates().getMatches(null).iterator().next();
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    private record Enrolled(X509Certificate ldevid, KeyPair key, TestPki.Issuer idevid) {
        Http client(String httpsUrl, X509Certificate ca) {
            return MtlsClient.as(httpsUrl, key.getPrivate(), List.of(ldevid, ca));
        }
    }

    private Enrolled enrolWithIdevid(String serial) throws Exception {
        return enrolWithIdevid("meters", serial);
    }

    private Enrolled enrolWithIdevid(String group, String serial) throws Exception {
        TestPki.Issuer idevid = TestPki.idevid(manufacturer, serial);
        KeyPair key = TestPki.ecKeys();
        Http.Reply r = simpleEnroll(MtlsClient.as(server.httpsUrl(), idevid, manufacturer.cert()), group, key);
        assertEquals(200, r.status(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/pkcs7-mime"));
        return new Enrolled(fromCertsOnly(r.body()), key, idevid);
    }

    private Http.Reply token(Http client) {
        return client.postForm(realmPath("/protocol/openid-connect/token"), null,
                Map.of("grant_type", "client_credentials", "client_id", "fleet-meters"));
    }

    /** The data platform introspects over the same HTTPS front end that issued the token (same issuer). */
    private JsonNode introspect(String accessToken) {
        Http.Reply r = MtlsClient.anonymous(server.httpsUrl()).postForm(realmPath("/protocol/openid-connect/token/introspect"), null,
                Map.of("token", accessToken, "client_id", "data-platform", "client_secret", "dp-secret-1"));
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    private static JsonNode claims(String jwt) {
        try {
            return Http.JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String x5t(X509Certificate cert) throws Exception {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    }

    @Test
    void idevidEnrolmentOverEstGivesACertificateBoundDeviceToken() throws Exception {
        Enrolled device = enrolWithIdevid("M-0001");
        device.ldevid().verify(cityCa.cert().getPublicKey());
        assertEquals(device.key().getPublic(), device.ldevid().getPublicKey());

        Http.Reply token = token(device.client(server.httpsUrl(), cityCa.cert()));
        assertEquals(200, token.status(), token.body());
        String accessToken = token.json().get("access_token").asText();
        JsonNode claims = claims(accessToken);
        assertEquals(x5t(device.ldevid()), claims.at("/cnf/x5t#S256").asText(), "bound to the LDevID");
        assertEquals("meters-M-0001", claims.get("device_id").asText(), "names the individual device");
        assertEquals("active", claims.get("device_status").asText());
        assertNotNull(claims.at("/att/status").textValue());
        assertTrue(claims.get("scope").asText().contains("sensor:write"), "the group's scope: " + claims.get("scope"));

        JsonNode introspection = introspect(accessToken);
        assertTrue(introspection.get("active").asBoolean(), introspection.toString());
        assertEquals("meters-M-0001", introspection.get("device_id").asText());
        assertEquals(x5t(device.ldevid()), introspection.at("/cnf/x5t#S256").asText());

        Http.Reply withIdevid = token(MtlsClient.as(server.httpsUrl(), device.idevid(), manufacturer.cert()));
        assertEquals(401, withIdevid.status(), "the IDevID only reaches enrolment: " + withIdevid.body());
        assertEquals("invalid_client", withIdevid.json().get("error").asText());
        assertEquals(401, token(MtlsClient.anonymous(server.httpsUrl())).status(), "no certificate, no token");
    }

    @Test
    void estRefusesWithoutAClientCertificateOrWhenTheGroupWantsAttestation() throws Exception {
        Http.Reply anonymous = simpleEnroll(MtlsClient.anonymous(server.httpsUrl()), "meters", TestPki.ecKeys());
        assertEquals(401, anonymous.status(), anonymous.body());
        assertEquals("client_certificate_required", anonymous.json().get("error").asText());

        TestPki.Issuer idevid = TestPki.idevid(manufacturer, "S-1");
        Http.Reply strict = simpleEnroll(MtlsClient.as(server.httpsUrl(), idevid, manufacturer.cert()), "strict", TestPki.ecKeys());
        assertEquals(403, strict.status(), strict.body());
        assertEquals("attestation_required", strict.json().get("error").asText());

        TestPki.Issuer outside = TestPki.idevid(manufacturer, "X-1");
        Http.Reply serial = simpleEnroll(MtlsClient.as(server.httpsUrl(), outside, manufacturer.cert()), "meters", TestPki.ecKeys());
        assertEquals(403, serial.status(), serial.body());
        assertEquals("serial_not_allowed", serial.json().get("error").asText());
    }

    /**
     * DI-13: the server trusts certificate headers from 127.0.0.2 only (see this module's pom). Everyone else's
     * headers are ignored, and a device on direct mTLS cannot name another device's certificate.
     */
    @Test
    void certificateHeadersCountOnlyFromTheTrustedProxy() throws Exception {
        Enrolled device = enrolWithIdevid("M-0100");
        Enrolled other = enrolWithIdevid("M-0101");
        Map<String, String> headers = Map.of("Client-Cert", ClientCertHeaders.encode(device.ldevid()),
                "Client-Cert-Chain", ClientCertHeaders.encode(cityCa.cert()));
        String tokenPath = realmPath("/protocol/openid-connect/token");
        String form = "grant_type=client_credentials&client_id=fleet-meters";
        String formType = "application/x-www-form-urlencoded";

        FromAddress.Reply spoofed = FromAddress.post("127.0.0.1", server.baseUrl(), tokenPath, headers, formType, form);
        assertEquals(401, spoofed.status(), "headers from a non-proxy address are ignored: " + spoofed.body());

        FromAddress.Reply proxied = FromAddress.post("127.0.0.2", server.baseUrl(), tokenPath, headers, formType, form);
        assertEquals(200, proxied.status(), proxied.body());
        JsonNode claims = claims(Http.JSON.readTree(proxied.body()).get("access_token").asText());
        assertEquals("meters-M-0100", claims.get("device_id").asText());
        assertEquals(x5t(device.ldevid()), claims.at("/cnf/x5t#S256").asText(), "bound to the certificate the proxy saw");

        FromAddress.Reply garbled = FromAddress.post("127.0.0.2", server.baseUrl(), tokenPath,
                Map.of("Client-Cert", ":bm90IGEgY2VydA==:"), formType, form);
        assertEquals(401, garbled.status(), "an unreadable header is no identity: " + garbled.body());

        Http direct = other.client(server.httpsUrl(), cityCa.cert());
        Http.Reply impersonation = direct.send(direct.request(tokenPath, null)
                .header("Content-Type", formType).header("Client-Cert", ClientCertHeaders.encode(device.ldevid()))
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        assertEquals(200, impersonation.status(), impersonation.body());
        assertEquals("meters-M-0101", claims(impersonation.json().get("access_token").asText()).get("device_id").asText(),
                "the TLS certificate wins over a header");

        TestPki.Issuer idevid = TestPki.idevid(manufacturer, "M-0102");
        String csr = TestPki.csrPem(TestPki.ecKeys(), "CN=ignored").replaceAll("-----[A-Z ]+-----", "").trim();
        FromAddress.Reply enrol = FromAddress.post("127.0.0.1", server.baseUrl(), realmPath("/device-identity/est/meters/simpleenroll"),
                Map.of("Client-Cert", ClientCertHeaders.encode(idevid.cert()), "Client-Cert-Chain", ClientCertHeaders.encode(manufacturer.cert())),
                "application/pkcs10", csr);
        assertEquals(401, enrol.status(), "a spoofed IDevID header enrols nothing: " + enrol.body());
    }

    @Test
    void rotationSupersedesTheOldCertificateAndItsReuseQuarantinesTheDevice() throws Exception {
        Enrolled device = enrolWithIdevid("M-0003");
        Http oldClient = device.client(server.httpsUrl(), cityCa.cert());
        assertEquals(200, token(oldClient).status());
        X500Name subject = X500Name.getInstance(device.ldevid().getSubjectX500Principal().getEncoded());
        KeyPair newKey = TestPki.ecKeys();

        Http.Reply renamed = est(oldClient, "meters", "simplereenroll", TestPki.csrPem(newKey, "CN=someone-else"));
        assertEquals(400, renamed.status(), renamed.body());
        assertEquals("subject_change_not_allowed", renamed.json().get("error").asText());
        Http.Reply sameKey = est(oldClient, "meters", "simplereenroll", TestPki.csrPem(device.key(), subject));
        assertEquals(400, sameKey.status(), sameKey.body());
        assertEquals("rekey_required", sameKey.json().get("error").asText());
        Http.Reply viaIdevid = est(MtlsClient.as(server.httpsUrl(), device.idevid(), manufacturer.cert()), "meters", "simplereenroll",
                TestPki.csrPem(newKey, subject));
        assertEquals(401, viaIdevid.status(), "re-enrolment needs the current LDevID, not the IDevID: " + viaIdevid.body());

        Http.Reply rotated = est(oldClient, "meters", "simplereenroll", TestPki.csrPem(newKey, subject));
        assertEquals(200, rotated.status(), rotated.body());
        X509Certificate ldevid2 = fromCertsOnly(rotated.body());
        ldevid2.verify(cityCa.cert().getPublicKey());
        assertEquals(newKey.getPublic(), ldevid2.getPublicKey());
        assertEquals(device.ldevid().getSubjectX500Principal(), ldevid2.getSubjectX500Principal());
        assertTrue(!ldevid2.getSerialNumber().equals(device.ldevid().getSerialNumber()));

        assertEquals(200, token(oldClient).status(), "the old certificate works until the new one is used");
        Http newClient = MtlsClient.as(server.httpsUrl(), newKey.getPrivate(), List.of(ldevid2, cityCa.cert()));
        Http.Reply fresh = token(newClient);
        assertEquals(200, fresh.status(), fresh.body());
        assertEquals(x5t(ldevid2), claims(fresh.json().get("access_token").asText()).at("/cnf/x5t#S256").asText());

        Http.Reply clone = token(oldClient);
        assertEquals(401, clone.status(), "superseded certificate refused: " + clone.body());
        JsonNode state = http.get(adminPath("/devices/meters-M-0003"), admin).json();
        assertEquals("quarantined", state.get("status").asText(), "use of a superseded certificate is a clone signal");
        assertTrue(state.get("certificates").toString().contains("superseded"), state.toString());
        Http.Reply quarantined = token(newClient);
        assertEquals(200, quarantined.status(), quarantined.body());
        assertEquals("device:remediate", claims(quarantined.json().get("access_token").asText()).get("scope").asText(),
                "a quarantined device only reaches remediation");
    }

    @Test
    void anExpiredLdevidCanNeitherGetTokensNorReEnrolButFreshEvidenceRenewsIt() throws Exception {
        Enrolled device = enrolWithIdevid("M-0011");
        Http deviceClient = device.client(server.httpsUrl(), cityCa.cert());
        X500Name subject = X500Name.getInstance(device.ldevid().getSubjectX500Principal().getEncoded());
        long days = java.time.Duration.between(java.time.Instant.now(), device.ldevid().getNotAfter().toInstant()).toDays() + 2;
        clock(days * 86_400);
        try {
            Http.Reply grant = token(deviceClient);
            assertEquals(401, grant.status(), grant.body());
            Http.Reply reenrol = est(deviceClient, "meters", "simplereenroll", TestPki.csrPem(TestPki.ecKeys(), subject));
            assertEquals(401, reenrol.status(), reenrol.body());
            assertEquals("invalid_client_certificate", reenrol.json().get("error").asText());
            assertTrue(reenrol.json().get("error_description").asText().contains("expired"), reenrol.body());

            // The way back is the device's manufacturer identity with fresh evidence, as at first enrolment.
            Http.Reply nonce = http.postJson(realmPath("/device-identity/challenge"), null, Map.of("group", "meters"));
            KeyPair fresh = TestPki.ecKeys();
            String evidence = TestPki.sign(TestPki.claims(nonce.json().get("nonce").asText(), "M-0011", fresh.getPublic())
                            .issueTime(java.util.Date.from(java.time.Instant.now().plusSeconds(days * 86_400))).build(),
                    device.idevid(), List.of(device.idevid().cert(), manufacturer.cert()));
            Http.Reply renewed = http.postJson(realmPath("/device-identity/enroll"), null,
                    Map.of("group", "meters", "csr", TestPki.csrPem(fresh, "CN=x"), "evidence", evidence));
            assertEquals(201, renewed.status(), renewed.body());
            assertEquals("meters-M-0011", renewed.json().get("device_id").asText());
            assertTrue(renewed.json().get("certificate").asText().startsWith("-----BEGIN CERTIFICATE-----"), renewed.body());
        } finally {
            clock(0);
        }
    }

    private void clock(long offsetSeconds) {
        Http.Reply r = http.putJson("/realms/master/city-iam/test-clock", server.masterToken(), Map.of("offset_seconds", offsetSeconds));
        assertEquals(200, r.status(), r.body());
    }

    @Test
    void quarantineLimitsTokensToRemediationUntilFreshAttestation() throws Exception {
        Enrolled device = enrolWithIdevid("M-0004");
        Http deviceClient = device.client(server.httpsUrl(), cityCa.cert());
        String before = token(deviceClient).json().get("access_token").asText();
        assertTrue(introspect(before).get("active").asBoolean());

        String signals = adminPath("/devices/meters-M-0004/signals");
        assertEquals(403, http.postJson(signals, realm.token("nobody", "nobody-pass-1"), Map.of("type", "telemetry-anomaly")).status());
        String sigrid = realm.token("sigrid", "sigrid-pass-1");
        Http.Reply bad = http.postJson(signals, sigrid, Map.of("type", "vibes"));
        assertEquals(400, bad.status());
        assertEquals("invalid_signal", bad.json().get("error").asText());
        Http.Reply raised = http.postJson(signals, sigrid, Map.of("type", "telemetry-anomaly", "detail", "meter reports 40 kW at night"));
        assertEquals(202, raised.status(), raised.body());
        assertEquals("quarantined", raised.json().get("status").asText());

        assertTrue(!introspect(before).get("active").asBoolean(), "tokens issued before the quarantine die");
        Http.Reply remediation = token(deviceClient);
        assertEquals(200, remediation.status(), remediation.body());
        String limited = remediation.json().get("access_token").asText();
        JsonNode limitedClaims = claims(limited);
        assertEquals("device:remediate", limitedClaims.get("scope").asText());
        assertTrue(limitedClaims.path("realm_access").isMissingNode(), "no roles while quarantined");
        assertEquals("quarantined", limitedClaims.get("device_status").asText());
        JsonNode limitedIntrospection = introspect(limited);
        assertTrue(limitedIntrospection.get("active").asBoolean());
        assertEquals("device:remediate", limitedIntrospection.get("scope").asText());
        Http.Reply wider = deviceClient.postForm(realmPath("/protocol/openid-connect/token"), null,
                Map.of("grant_type", "client_credentials", "client_id", "fleet-meters", "scope", "profile"));
        assertEquals(400, wider.status(), wider.body());
        assertEquals("invalid_scope", wider.json().get("error").asText());

        Http.Reply estOnly = simpleEnroll(MtlsClient.as(server.httpsUrl(), device.idevid(), manufacturer.cert()), "meters", TestPki.ecKeys());
        assertEquals(403, estOnly.status(), estOnly.body());
        assertEquals("device_quarantined", estOnly.json().get("error").asText());

        Http.Reply nonce = http.postJson(realmPath("/device-identity/challenge"), null, Map.of("group", "meters"));
        String evidence = TestPki.sign(TestPki.claims(nonce.json().get("nonce").asText(), "M-0004", device.key().getPublic()).build(),
                device.idevid(), List.of(device.idevid().cert(), manufacturer.cert()));
        Http.Reply released = http.postJson(realmPath("/device-identity/enroll"), null,
                Map.of("group", "meters", "csr", TestPki.csrPem(device.key(), "CN=x"), "evidence", evidence));
        assertEquals(200, released.status(), released.body());
        assertEquals("active", released.json().get("status").asText());
        JsonNode after = claims(token(deviceClient).json().get("access_token").asText());
        assertEquals("active", after.get("device_status").asText());
        assertTrue(after.get("scope").asText().contains("sensor:write"), "full scope again: " + after.get("scope"));
    }

    @Test
    void aBurstOfTokenGrantsQuarantinesTheDevice() throws Exception {
        Enrolled device = enrolWithIdevid("M-0009");
        Http deviceClient = device.client(server.httpsUrl(), cityCa.cert());
        realmAttribute("city-iam.device.max-token-grants-per-minute", "3");
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, token(deviceClient).status());
            }
            // The grant that crosses the limit already gets only the remediation scope.
            Http.Reply fourth = token(deviceClient);
            assertEquals(200, fourth.status(), fourth.body());
            JsonNode limited = claims(fourth.json().get("access_token").asText());
            assertEquals("device:remediate", limited.get("scope").asText(), limited.toString());
            assertEquals("quarantined", limited.get("device_status").asText());
            JsonNode view = http.get(adminPath("/devices/meters-M-0009"), admin).json();
            assertEquals("quarantined", view.get("status").asText(), view.toString());
            assertTrue(view.get("status_reason").asText().contains("token rate"), view.toString());
            JsonNode chain = http.get(realm.adminPath("/city-iam/audit?action=device-identity.device.quarantined&subject=meters-M-0009"),
                    realm.token("ada", "ada-pass-1")).json();
            assertEquals(1, chain.size(), chain.toString());
        } finally {
            realmAttribute("city-iam.device.max-token-grants-per-minute", "");
        }
        JsonNode later = claims(token(deviceClient).json().get("access_token").asText());
        assertEquals("quarantined", later.get("device_status").asText(), "the quarantine outlives the limit: " + later);
    }

    private void realmAttribute(String name, String value) {
        Http.Reply r = http.putJson("/admin/realms/" + realm.name(), server.masterToken(), Map.of("attributes", Map.of(name, value)));
        assertEquals(204, r.status(), r.body());
    }

    @Test
    void attributesDescribeTheDeviceAndBadOnesChangeNothing() throws Exception {
        enrolWithIdevid("M-0010");
        String path = adminPath("/devices/meters-M-0010/attributes");
        Http.Reply ok = http.putJson(path, admin, Map.of("model", "SM-200", "site", "depot-3"));
        assertEquals(200, ok.status(), ok.body());
        assertEquals("depot-3", ok.json().at("/attributes/site").asText());
        for (Object bad : List.of(Map.of("Model", "x"), Map.of("model", 3), Map.of("model", ""), List.of("x"))) {
            Http.Reply r = http.putJson(path, admin, bad);
            assertEquals(400, r.status(), bad + " -> " + r.body());
            assertEquals("invalid_attributes", r.json().get("error").asText());
        }
        String ada = realm.token("ada", "ada-pass-1");
        assertEquals(403, http.putJson(path, ada, Map.of("model", "X")).status());
        assertEquals(401, http.putJson(path, null, Map.of("model", "X")).status());
        JsonNode view = http.get(adminPath("/devices/meters-M-0010"), ada).json();
        assertEquals(Http.JSON.valueToTree(Map.of("model", "SM-200", "site", "depot-3")), view.get("attributes"), view.toString());
        JsonNode chain = http.get(realm.adminPath("/city-iam/audit?action=device-identity.device.attributes&subject=meters-M-0010"), ada).json();
        assertEquals(1, chain.size(), chain.toString());
        assertEquals("SM-200", chain.get(0).at("/payload/after/model").asText(), chain.toString());
    }

    @Test
    void adminQuarantineReleaseAndDecommission() throws Exception {
        Enrolled device = enrolWithIdevid("M-0005");
        Http deviceClient = device.client(server.httpsUrl(), cityCa.cert());
        String path = adminPath("/devices/meters-M-0005");
        Http.Reply notQuarantined = http.postJson(path + "/release", admin, "");
        assertEquals(409, notQuarantined.status());
        assertEquals("invalid_transition", notQuarantined.json().get("error").asText());

        assertEquals(200, http.postJson(path + "/quarantine", admin, "").status());
        assertEquals("device:remediate", claims(token(deviceClient).json().get("access_token").asText()).get("scope").asText());
        assertEquals(200, http.postJson(path + "/release", admin, "").status());
        assertEquals("active", claims(token(deviceClient).json().get("access_token").asText()).get("device_status").asText());

        Http.Reply gone = http.postJson(path + "/decommission", admin, "");
        assertEquals(200, gone.status(), gone.body());
        assertEquals("decommissioned", gone.json().get("status").asText());
        assertEquals(401, token(deviceClient).status());
        Http.Reply again = simpleEnroll(MtlsClient.as(server.httpsUrl(), device.idevid(), manufacturer.cert()), "meters", TestPki.ecKeys());
        assertEquals(403, again.status(), again.body());
        assertEquals("device_decommissioned", again.json().get("error").asText());
        assertEquals(409, http.postJson(path + "/decommission", admin, "").status());
    }

    @Test
    void fleetReportCountsDevicesAndFlagsExpiringCertificates() throws Exception {
        enrolWithIdevid("M-0006");
        JsonNode report = http.get(adminPath("/fleet-report?expiring_within=P31D"), admin).json();
        assertTrue(report.at("/devices/meters/active").asLong() >= 1, report.toString());
        assertTrue(report.get("expiring_certificates").asLong() >= 1, "30-day certificates expire within 31 days: " + report);
        assertTrue(report.get("expiring_devices").toString().contains("meters-M-0006"), report.toString());
        assertEquals(0, report.get("shared_keys").asLong());
        assertEquals(0, report.get("expiring_anchors").size(), "the manufacturer root lives ten years: " + report);
        JsonNode decade = http.get(adminPath("/fleet-report?expiring_within=P3650D"), admin).json();
        assertTrue(decade.get("expiring_anchors").toString().contains("\"purpose\":\"idevid\""), decade.toString());
        JsonNode soon = http.get(adminPath("/fleet-report?expiring_within=P1D"), admin).json();
        assertEquals(0, soon.get("expiring_certificates").asLong(), soon.toString());
        Http.Reply bad = http.get(adminPath("/fleet-report?expiring_within=soon"), admin);
        assertEquals(400, bad.status());
        assertEquals("invalid_duration", bad.json().get("error").asText());
        assertEquals(403, http.get(adminPath("/fleet-report"), realm.token("nobody", "nobody-pass-1")).status());
    }

    @Test
    void revocationReachesIntrospectionTheCrlAndReEnrolmentWithinSeconds() throws Exception {
        Enrolled device = enrolWithIdevid("M-0002");
        Http deviceClient = device.client(server.httpsUrl(), cityCa.cert());
        String accessToken = token(deviceClient).json().get("access_token").asText();
        assertTrue(introspect(accessToken).get("active").asBoolean());

        Http.Reply badReason = http.postJson(adminPath("/devices/meters-M-0002/revoke"), admin, Map.of("reason", "fell-in-river"));
        assertEquals(400, badReason.status());
        assertEquals("invalid_reason", badReason.json().get("error").asText());
        assertTrue(introspect(accessToken).get("active").asBoolean(), "a refused revocation changed nothing");

        long start = System.nanoTime();
        assertEquals(204, http.postJson(adminPath("/devices/meters-M-0002/revoke"), admin, Map.of("reason", "keyCompromise")).status());
        boolean inactive = false;
        while (!inactive && System.nanoTime() - start < 5_000_000_000L) {
            inactive = !introspect(accessToken).get("active").asBoolean();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(inactive, "introspection answers active=false within 5 s");
        System.out.println("revocation reached introspection in " + millis + " ms");

        Http.Reply again = token(deviceClient);
        assertEquals(401, again.status(), again.body());

        byte[] der = http.getBytes(realmPath("/device-identity/crl"), null);
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        crl.verify(cityCa.cert().getPublicKey());
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE,
                crl.getRevokedCertificate(device.ldevid().getSerialNumber()).getRevocationReason());

        Http idevidClient = MtlsClient.as(server.httpsUrl(), device.idevid(), manufacturer.cert());
        Http.Reply tombstone = simpleEnroll(idevidClient, "meters", TestPki.ecKeys());
        assertEquals(403, tombstone.status(), tombstone.body());
        assertEquals("device_revoked", tombstone.json().get("error").asText());

        assertEquals(200, http.postJson(adminPath("/devices/meters-M-0002/reinstate"), admin, "").status());
        assertEquals(200, simpleEnroll(idevidClient, "meters", TestPki.ecKeys()).status(), "reinstated device enrols again");

        JsonNode device2 = http.get(adminPath("/devices/meters-M-0002"), admin).json();
        assertEquals("active", device2.get("status").asText());
        assertTrue(device2.get("certificates").toString().contains("keyCompromise"));
    }

    /** Issue 3 / 8: the fleet owner the group names is mailed when one of its devices is quarantined or revoked. */
    @Test
    void theFleetOwnerIsMailedWhenADeviceIsQuarantinedOrRevoked() throws Exception {
        String olaf = realm.user("olaf", "olaf-pass-1");
        com.fasterxml.jackson.databind.node.ObjectNode rep = (com.fasterxml.jackson.databind.node.ObjectNode)
                http.get(realm.adminPath("/users/" + olaf), server.masterToken()).json();
        rep.put("email", "olaf@city.example").put("emailVerified", true);
        Http.Reply withMail = http.putJson(realm.adminPath("/users/" + olaf), server.masterToken(), rep);
        assertEquals(204, withMail.status(), withMail.body());
        Http.Reply unknown = http.putJson(adminPath("/groups/lamps"), admin, Map.of("anchors", List.of(anchorPin),
                "evidence_types", List.of("idevid-tls"), "serial_allowlist", List.of("L-*"), "quota", 5, "owner", "nobody-such"));
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("unknown_owner", unknown.json().get("error").asText());
        Http.Reply lamps = http.putJson(adminPath("/groups/lamps"), admin, Map.of("anchors", List.of(anchorPin),
                "evidence_types", List.of("idevid-tls"), "serial_allowlist", List.of("L-*"), "quota", 5, "owner", "olaf"));
        assertEquals(201, lamps.status(), lamps.body());
        try (SmtpSink smtp = new SmtpSink()) {
            smtpServer(Map.of("host", "127.0.0.1", "port", Integer.toString(smtp.port()), "from", "iam@city.example"));
            try {
                enrolWithIdevid("lamps", "L-0001");
                assertEquals(200, http.postJson(adminPath("/devices/lamps-L-0001/quarantine"), admin, "").status());
                String quarantined = awaitMail(smtp, "lamps-L-0001").text();
                assertTrue(quarantined.contains("Device lamps-L-0001 of enrollment group lamps") && quarantined.contains("is now quarantined"), quarantined);
                assertTrue(quarantined.contains("Reason: quarantined by administrator") && quarantined.contains("By devon"), quarantined);

                enrolWithIdevid("lamps", "L-0002");
                assertEquals(204, http.postJson(adminPath("/devices/lamps-L-0002/revoke"), admin, Map.of("reason", "keyCompromise")).status());
                SmtpSink.Mail revoked = awaitMail(smtp, "lamps-L-0002");
                assertTrue(revoked.text().contains("is now revoked") && revoked.text().contains("Reason: keyCompromise"), revoked.text());
                assertTrue(revoked.data().contains("text/html") && revoked.data().contains("text/plain"), "HTML and text");
                assertEquals(2, smtp.mails().size(), "one mail per change, to the owner only");
                assertTrue(smtp.mails().stream().allMatch(m -> m.to("olaf@city.example")));

                String ada = realm.token("ada", "ada-pass-1");
                for (String device : List.of("lamps-L-0001", "lamps-L-0002")) {
                    JsonNode chain = http.get(realm.adminPath("/city-iam/audit?action=device-identity.device.owner-notified&subject=" + device), ada).json();
                    assertEquals(1, chain.size(), chain.toString());
                    assertEquals("sent", chain.get(0).at("/payload/email").asText(), chain.toString());
                    assertEquals("olaf", chain.get(0).at("/payload/to").asText(), chain.toString());
                }
            } finally {
                smtpServer(Map.of());
            }
        }
    }

    private void smtpServer(Map<String, String> smtp) {
        Http.Reply r = http.putJson("/admin/realms/" + realm.name(), server.masterToken(), Map.of("smtpServer", smtp));
        assertEquals(204, r.status(), r.body());
    }

    /** The notice is mailed after the change commits, on a background thread: wait for it. */
    private static SmtpSink.Mail awaitMail(SmtpSink smtp, String about) throws InterruptedException {
        for (int i = 0; i < 150; i++) {
            var mail = smtp.mails().stream().filter(m -> m.text().contains(about)).findFirst();
            if (mail.isPresent()) {
                return mail.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail about " + about + " in " + smtp.mails());
    }
}
