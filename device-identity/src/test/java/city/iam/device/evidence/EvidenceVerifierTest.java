package city.iam.device.evidence;

import city.iam.device.TestPki;
import city.iam.device.group.EnrollmentGroup;
import city.iam.kernel.error.CityIamException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EvidenceVerifierTest {

    private final TestPki.Issuer root = TestPki.root("CN=ManufRoot-A,O=Acme");
    private final TestPki.Issuer idevid = TestPki.idevid(root, "SN-0002");
    private final KeyPair deviceKey = TestPki.ecKeys();

    private String evidence(JWTClaimsSet claims) {
        return TestPki.sign(claims, idevid, List.of(idevid.cert(), root.cert()));
    }

    @Test
    void goodEvidenceYieldsTheFacts() {
        Evidence e = EvidenceVerifier.verify(evidence(TestPki.claims("n-1", "SN-0002", deviceKey.getPublic()).build()),
                List.of(root.cert()), Instant.now());
        assertEquals("n-1", e.nonce());
        assertEquals("SN-0002", e.ueid());
        assertEquals(Evidence.DebugState.DISABLED_PERMANENTLY, e.debug());
        assertEquals(deviceKey.getPublic(), e.confirmationKey());
        assertEquals(root.cert(), e.anchor());
        assertEquals(Appraisal.AFFIRMING, Appraisal.appraise(e, group("2.0.0"), "SN-0002", deviceKey.getPublic()).status());
    }

    @Test
    void noneAndHmacAreRefusedBeforeAnythingElse() throws Exception {
        String none = new PlainJWT(new PlainHeader(), TestPki.claims("n", "SN-0002", deviceKey.getPublic()).build()).serialize();
        assertEquals("invalid_evidence", assertThrows(CityIamException.class,
                () -> EvidenceVerifier.verify(none, List.of(root.cert()), Instant.now())).error());
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), TestPki.claims("n", "SN-0002", deviceKey.getPublic()).build());
        hs.sign(new MACSigner(new byte[32]));
        CityIamException e = assertThrows(CityIamException.class, () -> EvidenceVerifier.verify(hs.serialize(), List.of(root.cert()), Instant.now()));
        assertEquals("invalid_evidence_alg", e.error());
        assertEquals(400, e.status());
    }

    @Test
    void keyOtherThanTheCsrKeyIsRefused() {
        Evidence e = EvidenceVerifier.verify(evidence(TestPki.claims("n", "SN-0002", TestPki.ecKeys().getPublic()).build()),
                List.of(root.cert()), Instant.now());
        assertEquals("key_mismatch", assertThrows(CityIamException.class,
                () -> Appraisal.appraise(e, group(null), "SN-0002", deviceKey.getPublic())).error());
    }

    @Test
    void postureFailuresAre403WithEveryReason() {
        Evidence e = EvidenceVerifier.verify(evidence(TestPki.claims("n", "SN-0002", deviceKey.getPublic())
                .claim("dbgstat", "enabled").claim("swversion", "1.9.9").build()), List.of(root.cert()), Instant.now());
        CityIamException failed = assertThrows(CityIamException.class, () -> Appraisal.appraise(e, group("2.0.0"), "SN-0002", deviceKey.getPublic()));
        assertEquals(403, failed.status());
        assertEquals("attestation_policy_failed", failed.error());
        assertTrue(failed.description().contains("debug") && failed.description().contains("firmware"), failed.description());
    }

    @Test
    void staleOrForeignEvidenceIsRefused() {
        String old = evidence(TestPki.claims("n", "SN-0002", deviceKey.getPublic()).issueTime(Date.from(Instant.now().minusSeconds(3600))).build());
        assertEquals("stale_evidence", assertThrows(CityIamException.class, () -> EvidenceVerifier.verify(old, List.of(root.cert()), Instant.now())).error());
        TestPki.Issuer other = TestPki.root("CN=ManufRoot-A,O=Acme");
        assertEquals(401, assertThrows(CityIamException.class,
                () -> EvidenceVerifier.verify(evidence(TestPki.claims("n", "SN-0002", deviceKey.getPublic()).build()), List.of(other.cert()), Instant.now())).status());
        Evidence wrongDevice = EvidenceVerifier.verify(evidence(TestPki.claims("n", "SN-9999", deviceKey.getPublic()).build()), List.of(root.cert()), Instant.now());
        assertEquals("evidence_device_mismatch", assertThrows(CityIamException.class,
                () -> Appraisal.appraise(wrongDevice, group(null), "SN-0002", deviceKey.getPublic())).error());
        assertEquals(413, assertThrows(CityIamException.class,
                () -> EvidenceVerifier.verify("a".repeat(EvidenceVerifier.MAX_EVIDENCE_CHARS + 1), List.of(root.cert()), Instant.now())).status());
    }

    static EnrollmentGroup group(String minFirmware) {
        return new EnrollmentGroup("streetlights", null, true, List.of("pin"), List.of("eat"), List.of("SN-00*"), null, 10,
                null, "P30D", true, minFirmware, true, true, null, null, null, null, null, null);
    }
}
