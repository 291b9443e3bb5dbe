package city.iam.device.it;

import city.iam.device.TestPki;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Enrolment with attestation evidence against a real Keycloak: a manufacturer root and IDevIDs made by the
 * test, the city CA inside Keycloak, every refusal of the issue checked to change nothing.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EnrolmentIT {

    private TestServer server;
    private Http http;
    private RealmFixture realm;
    private String admin;
    private String auditor;
    private String nobody;
    private final TestPki.Issuer manufacturer = TestPki.root("CN=ManufRoot-A,O=Acme Lighting");
    private final TestPki.Issuer evil = TestPki.root("CN=ManufRoot-A,O=Acme Lighting");
    private String pin;

    @BeforeAll
    void setUp(TestServer server) {
        this.server = server;
        this.http = server.http();
        this.realm = RealmFixture.create(server, "devices");
        realm.user("devon", "devon-pass-1", "device-admin");
        realm.user("ada", "ada-pass-1", "auditor");
        realm.user("nobody", "nobody-pass-1");
        admin = realm.token("devon", "devon-pass-1");
        auditor = realm.token("ada", "ada-pass-1");
        nobody = realm.token("nobody", "nobody-pass-1");

        Http.Reply anchor = http.postJson(adminPath("/trust-anchors"), admin,
                Map.of("certificate", TestPki.pem(manufacturer.cert()), "purpose", "idevid"));
        assertEquals(201, anchor.status(), anchor.body());
        pin = anchor.json().get("pin").asText();
        putGroup("streetlights", Map.of("serial_allowlist", List.of("SN-00*"), "quota", 10));
        putGroup("tiny", Map.of("serial_allowlist", List.of("T-*"), "quota", 1));
        putGroup("gateways", Map.of("serial_allowlist", List.of("GW-*"), "quota", 5, "auto_approve", false));
    }

    private void putGroup(String name, Map<String, Object> extra) {
        Map<String, Object> g = new HashMap<>(Map.of("anchors", List.of(pin), "evidence_types", List.of("eat"),
                "min_firmware", "2.0.0", "require_debug_disabled", true, "require_secure_boot", true,
                "certificate_validity", "P30D"));
        g.putAll(extra);
        Http.Reply r = http.putJson(adminPath("/groups/" + name), admin, g);
        assertEquals(201, r.status(), r.body());
    }

    private String adminPath(String p) {
        return realm.adminPath("/device-identity" + p);
    }

    private String devicePath(String p) {
        return "/realms/" + realm.name() + "/device-identity" + p;
    }

    private String nonce(String group) {
        Http.Reply r = http.postJson(devicePath("/challenge"), null, Map.of("group", group));
        assertEquals(200, r.status(), r.body());
        return r.json().get("nonce").asText();
    }

    private Http.Reply enrol(String group, String csr, String evidence) {
        return http.postJson(devicePath("/enroll"), null, Map.of("group", group, "csr", csr, "evidence", evidence));
    }

    private String evidence(TestPki.Issuer idevid, TestPki.Issuer root, String nonce, String serial, PublicKey key) {
        return TestPki.sign(TestPki.claims(nonce, serial, key).build(), idevid, List.of(idevid.cert(), root.cert()));
    }

    private int deviceCount(String group) {
        return http.get(adminPath("/devices?group=" + group), admin).json().size();
    }

    private static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes()));
    }

    private static void assertRefused(Http.Reply r, int status, String error) {
        assertEquals(status, r.status(), r.body());
        assertEquals(error, r.json().get("error").asText(), r.body());
        assertTrue(r.json().get("error_description").asText().length() > 10, r.body());
    }

    @Test
    void eatEnrolmentIssuesACertificateFromTheCityCa() throws Exception {
        TestPki.Issuer idevid = TestPki.idevid(manufacturer, "SN-0001");
        KeyPair key = TestPki.ecKeys();
        Http.Reply r = enrol("streetlights", TestPki.csrPem(key, "CN=whatever-i-ask-for"),
                evidence(idevid, manufacturer, nonce("streetlights"), "SN-0001", key.getPublic()));
        assertEquals(201, r.status(), r.body());
        assertEquals("streetlights-SN-0001", r.json().get("device_id").asText());
        assertEquals("active", r.json().get("status").asText());
        assertEquals("affirming", r.json().get("attestation").asText());

        X509Certificate issued = cert(r.json().get("certificate").asText());
        X509Certificate ca = cert(http.get(devicePath("/cacerts"), null).body());
        issued.verify(ca.getPublicKey());
        assertEquals(key.getPublic(), issued.getPublicKey());
        assertTrue(issued.getSubjectX500Principal().getName().startsWith("CN=streetlights-SN-0001,OU=streetlights,O=" + realm.name()));
        assertTrue(issued.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"));
        assertTrue(issued.getSubjectAlternativeNames().toString().contains("urn:city-iam:" + realm.name() + ":device:streetlights-SN-0001"));

        JsonNode device = http.get(adminPath("/devices/streetlights-SN-0001"), auditor).json();
        assertEquals("active", device.get("status").asText());
        assertEquals("current", device.at("/certificates/0/state").asText());

        Http.Reply est = http.get(devicePath("/est/cacerts"), null);
        assertEquals(200, est.status());
        assertTrue(est.headers().firstValue("Content-Type").orElse("").startsWith("application/pkcs7-mime"));

        JsonNode audit = http.get(realm.adminPath("/city-iam/audit?action=device-identity.device.enrolled"), auditor).json();
        assertTrue(audit.toString().contains("streetlights-SN-0001"), audit.toString());
        assertEquals("device", audit.get(0).at("/actor/type").asText());
    }

    @Test
    void crlIsSignedByTheCityCa() throws Exception {
        byte[] der = http.getBytes(devicePath("/crl"), null);
        X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(der));
        crl.verify(cert(http.get(devicePath("/cacerts"), null).body()).getPublicKey());
    }

    @Test
    void csrMadeByOpensslEnrols() throws Exception {
        Path dir = Files.createTempDirectory("openssl-csr");
        run(dir, "openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "device.key");
        run(dir, "openssl", "req", "-new", "-key", "device.key", "-subj", "/CN=SN-0002", "-out", "device.csr");
        String csr = Files.readString(dir.resolve("device.csr"));
        PublicKey key = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(
                java.util.Base64.getMimeDecoder().decode(csr.replaceAll("-----[A-Z ]+-----", "").trim()))).getPublicKey();

        TestPki.Issuer idevid = TestPki.idevid(manufacturer, "SN-0002");
        Http.Reply r = enrol("streetlights", csr, evidence(idevid, manufacturer, nonce("streetlights"), "SN-0002", key));
        assertEquals(201, r.status(), r.body());
        assertEquals(key, cert(r.json().get("certificate").asText()).getPublicKey());
    }

    private static void run(Path dir, String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void badEvidenceAndCsrsAreRefusedAndChangeNothing() throws Exception {
        TestPki.Issuer idevid = TestPki.idevid(manufacturer, "SN-0003");
        KeyPair key = TestPki.ecKeys();
        String csr = TestPki.csrPem(key, "CN=x");
        int before = deviceCount("streetlights");

        String none = new PlainJWT(new PlainHeader(), TestPki.claims(nonce("streetlights"), "SN-0003", key.getPublic()).build()).serialize();
        assertRefused(enrol("streetlights", csr, none), 400, "invalid_evidence");
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), TestPki.claims(nonce("streetlights"), "SN-0003", key.getPublic()).build());
        hs.sign(new MACSigner(new byte[32]));
        assertRefused(enrol("streetlights", csr, hs.serialize()), 400, "invalid_evidence_alg");
        assertRefused(enrol("streetlights", csr, evidence(idevid, manufacturer, nonce("streetlights"), "SN-0003", TestPki.ecKeys().getPublic())),
                400, "key_mismatch");
        TestPki.Issuer evilIdevid = TestPki.idevid(evil, "SN-0003");
        assertRefused(enrol("streetlights", csr, evidence(evilIdevid, evil, nonce("streetlights"), "SN-0003", key.getPublic())),
                401, "untrusted_chain");
        TestPki.Issuer outside = TestPki.idevid(manufacturer, "SN-9999");
        assertRefused(enrol("streetlights", csr, evidence(outside, manufacturer, nonce("streetlights"), "SN-9999", key.getPublic())),
                403, "serial_not_allowed");
        assertRefused(enrol("streetlights", csr, TestPki.sign(TestPki.claims(nonce("streetlights"), "SN-0003", key.getPublic())
                .claim("swversion", "1.2.0").build(), idevid, List.of(idevid.cert(), manufacturer.cert()))), 403, "attestation_policy_failed");
        assertRefused(enrol("streetlights", csr, TestPki.sign(TestPki.claims(nonce("streetlights"), "SN-0003", key.getPublic())
                .claim("dbgstat", 0).build(), idevid, List.of(idevid.cert(), manufacturer.cert()))), 403, "attestation_policy_failed");
        assertRefused(enrol("no-such-group", csr, evidence(idevid, manufacturer, "x", "SN-0003", key.getPublic())), 400, "unknown_group");
        assertRefused(enrol("streetlights", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----",
                evidence(idevid, manufacturer, nonce("streetlights"), "SN-0003", key.getPublic())), 400, "invalid_csr");
        assertRefused(enrol("streetlights", tamperedSignature(csr), evidence(idevid, manufacturer, nonce("streetlights"), "SN-0003",
                key.getPublic())), 400, "invalid_csr_signature");
        String idevidKeyCsr = TestPki.csrPem(idevid.keys(), "CN=x");
        assertRefused(enrol("streetlights", idevidKeyCsr, evidence(idevid, manufacturer, nonce("streetlights"), "SN-0003",
                idevid.keys().getPublic())), 400, "key_reuse");
        assertRefused(enrol("streetlights", csr, evidence(idevid, manufacturer, "never-issued", "SN-0003", key.getPublic())), 400, "invalid_nonce");
        Http.Reply big = http.postJson(devicePath("/enroll"), null, Map.of("group", "streetlights", "csr", "A".repeat(200_000), "evidence", "x"));
        assertRefused(big, 413, "request_too_large");
        Http.Reply unknownField = http.postJson(devicePath("/enroll"), null, Map.of("group", "streetlights", "csr", csr, "evidence", "x", "admin", true));
        assertRefused(unknownField, 400, "invalid_json");

        assertEquals(before, deviceCount("streetlights"), "no refused request created a device");
    }

    /** The same request with the last byte of its signature changed: well-formed, but it no longer verifies. */
    private static String tamperedSignature(String csrPem) {
        byte[] der = java.util.Base64.getMimeDecoder().decode(csrPem.replaceAll("-----[A-Z ]+-----", "").trim());
        der[der.length - 1] ^= 0x01;
        return "-----BEGIN CERTIFICATE REQUEST-----\n" + java.util.Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END CERTIFICATE REQUEST-----\n";
    }

    @Test
    void nonceIsSingleUseEvenWhenTheEnrolmentWasRefused() {
        TestPki.Issuer idevid = TestPki.idevid(manufacturer, "SN-0004");
        KeyPair key = TestPki.ecKeys();
        String nonce = nonce("streetlights");
        String debugOn = TestPki.sign(TestPki.claims(nonce, "SN-0004", key.getPublic()).claim("dbgstat", "enabled").build(),
                idevid, List.of(idevid.cert(), manufacturer.cert()));
        assertRefused(enrol("streetlights", TestPki.csrPem(key, "CN=x"), debugOn), 403, "attestation_policy_failed");
        assertRefused(enrol("streetlights", TestPki.csrPem(key, "CN=x"), evidence(idevid, manufacturer, nonce, "SN-0004", key.getPublic())),
                400, "invalid_nonce");
    }

    @Test
    void expiredNonceIsRefused() {
        TestPki.Issuer idevid = TestPki.idevid(manufacturer, "SN-0005");
        KeyPair key = TestPki.ecKeys();
        String nonce = nonce("streetlights");
        String masterToken = server.masterToken();
        Http.Reply moved = http.putJson("/realms/master/city-iam/test-clock", masterToken, Map.of("offset_seconds", 120));
        assertEquals(200, moved.status(), moved + " " + moved.headers().map());
        try {
            assertRefused(enrol("streetlights", TestPki.csrPem(key, "CN=x"), evidence(idevid, manufacturer, nonce, "SN-0005", key.getPublic())),
                    400, "nonce_expired");
        } finally {
            // The first token expired when the clock moved (master tokens live 60 s): ask for one at the new time.
            assertEquals(200, http.putJson("/realms/master/city-iam/test-clock", server.masterToken(), Map.of("offset_seconds", 0)).status());
        }
    }

    @Test
    void anIdevidEnrolsOnceAndQuotasAndBlocksHold() {
        TestPki.Issuer first = TestPki.idevid(manufacturer, "T-1");
        KeyPair key = TestPki.ecKeys();
        assertEquals(201, enrol("tiny", TestPki.csrPem(key, "CN=x"), evidence(first, manufacturer, nonce("tiny"), "T-1", key.getPublic())).status());
        KeyPair other = TestPki.ecKeys();
        assertRefused(enrol("tiny", TestPki.csrPem(other, "CN=x"), evidence(first, manufacturer, nonce("tiny"), "T-1", other.getPublic())),
                409, "already_enrolled");
        TestPki.Issuer second = TestPki.idevid(manufacturer, "T-2");
        assertRefused(enrol("tiny", TestPki.csrPem(other, "CN=x"), evidence(second, manufacturer, nonce("tiny"), "T-2", other.getPublic())),
                403, "quota_exhausted");

        assertEquals(200, http.putJson(adminPath("/groups/streetlights/enrollments/SN-0066"), admin, Map.of("mode", "block", "note", "stolen")).status());
        TestPki.Issuer blocked = TestPki.idevid(manufacturer, "SN-0066");
        assertRefused(enrol("streetlights", TestPki.csrPem(other, "CN=x"), evidence(blocked, manufacturer, nonce("streetlights"), "SN-0066", other.getPublic())),
                403, "device_blocked");
        assertEquals(1, deviceCount("tiny"));
    }

    @Test
    void manualApprovalHoldsTheCertificateUntilAnAdminApproves() {
        TestPki.Issuer gw = TestPki.idevid(manufacturer, "GW-1");
        KeyPair key = TestPki.ecKeys();
        Http.Reply pending = enrol("gateways", TestPki.csrPem(key, "CN=x"), evidence(gw, manufacturer, nonce("gateways"), "GW-1", key.getPublic()));
        assertEquals(202, pending.status(), pending.body());
        assertEquals("pending", pending.json().get("status").asText());
        assertTrue(pending.headers().firstValue("Retry-After").isPresent());

        assertEquals(403, http.postJson(adminPath("/devices/gateways-GW-1/approve"), nobody, "").status());
        assertEquals(403, http.postJson(adminPath("/devices/gateways-GW-1/approve"), auditor, "").status());
        assertEquals(200, http.postJson(adminPath("/devices/gateways-GW-1/approve"), admin, "").status());
        Http.Reply issued = enrol("gateways", TestPki.csrPem(key, "CN=x"), evidence(gw, manufacturer, nonce("gateways"), "GW-1", key.getPublic()));
        assertEquals(201, issued.status(), issued.body());
        // Keycloak's admin-events query cannot filter by a custom resource type (it parses the enum), so list and look.
        JsonNode events = http.get(realm.adminPath("/admin-events?max=200"), server.masterToken()).json();
        assertTrue(events.toString().contains("devices/gateways-GW-1"), "approval is an admin event: " + events);
    }

    @Test
    void adminApiNeedsTheRightRoleAndRefusesBadDefinitions() {
        assertEquals(401, http.get(adminPath("/devices"), null).status());
        assertRefused(http.get(adminPath("/devices"), nobody), 403, "forbidden");
        assertEquals(200, http.get(adminPath("/devices"), auditor).status());
        assertRefused(http.putJson(adminPath("/groups/x1"), auditor, Map.of()), 403, "forbidden");
        assertRefused(http.postJson(adminPath("/trust-anchors"), nobody, Map.of("certificate", "x", "purpose", "idevid")), 403, "forbidden");

        assertRefused(http.putJson(adminPath("/groups/bad"), admin, Map.of("anchors", List.of(pin), "evidence_types", List.of("eat"),
                "serial_allowlist", List.of("*"), "quota", 0)), 400, "invalid_group");
        assertRefused(http.putJson(adminPath("/groups/bad"), admin, Map.of("anchors", List.of("nope"), "evidence_types", List.of("eat"),
                "serial_allowlist", List.of("*"), "quota", 3)), 400, "unknown_anchor");
        assertRefused(http.putJson(adminPath("/groups/bad"), admin, Map.of("anchors", List.of(pin), "evidence_types", List.of("eat"),
                "serial_allowlist", List.of("*"), "quota", 3, "colour", "red")), 400, "invalid_json");
        assertRefused(http.putJson(adminPath("/groups/bad"), admin, Map.of("anchors", List.of(pin), "evidence_types", List.of("eat"),
                "serial_allowlist", List.of("*"), "quota", 3, "scopes", List.of("no-such-scope"))), 400, "unknown_scope");
        assertEquals(404, http.get(adminPath("/groups/bad"), admin).status(), "a refused group definition left nothing behind");
        assertRefused(http.postJson(adminPath("/trust-anchors"), admin, Map.of("certificate", TestPki.pem(manufacturer.cert()), "purpose", "idevid")),
                409, "anchor_exists");
        assertRefused(http.postJson(adminPath("/trust-anchors"), admin, Map.of("certificate", TestPki.pem(TestPki.idevid(manufacturer, "L").cert()),
                "purpose", "idevid")), 400, "not_a_ca");
        assertRefused(http.postJson(adminPath("/trust-anchors"), admin, Map.of("certificate", TestPki.pem(evil.cert()), "purpose", "root")),
                400, "invalid_purpose");
        assertRefused(http.get(adminPath("/devices?status=lost"), admin), 400, "invalid_status");
    }
}
