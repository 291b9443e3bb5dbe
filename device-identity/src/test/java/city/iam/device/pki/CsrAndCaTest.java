package city.iam.device.pki;

import city.iam.device.TestPki;
import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsrAndCaTest {

    @Test
    void issuesFromTheTemplateNotFromTheRequest() throws Exception {
        KeyPair device = TestPki.ecKeys();
        CsrParser.Csr csr = CsrParser.parse(TestPki.csrPem(device, "CN=I am the admin,O=Evil"));
        CertificateAuthority ca = CertificateAuthority.create(CertificateAuthority.Profile.subject("city-iam", "city", "City Device CA"), Instant.now(), Duration.ofDays(3650));
        X509Certificate cert = ca.issue(csr.publicKey(), new CertificateAuthority.Profile(CertificateAuthority.Profile.subject("city", "streetlights", "sl-SN-0001"),
                List.of("urn:city-iam:city:device:sl-SN-0001"), Duration.ofDays(30), "https://kc/realms/city/device-identity/crl"), Instant.now());

        assertEquals("CN=sl-SN-0001,OU=streetlights,O=city", cert.getSubjectX500Principal().getName());
        assertEquals(device.getPublic(), cert.getPublicKey());
        assertTrue(cert.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"), "clientAuth");
        assertEquals(-1, cert.getBasicConstraints());
        cert.verify(ca.certificate().getPublicKey());
        assertTrue(cert.getNotAfter().toInstant().isBefore(Instant.now().plus(Duration.ofDays(31))));
        assertEquals(ca.certificate(), ChainValidator.validate(List.of(cert), List.of(ca.certificate()), new Date()));
        assertTrue(ca.matches());
    }

    @Test
    void csrWithAForeignSignatureIsRefused() {
        KeyPair a = TestPki.ecKeys();
        String good = TestPki.csrPem(a, "CN=x");
        byte[] der = java.util.Base64.getMimeDecoder().decode(good.replaceAll("-----[A-Z ]+-----", "").trim());
        der[der.length - 5] ^= 0x01;
        CityIamException e = assertThrows(CityIamException.class, () -> CsrParser.parse(der));
        assertTrue(e.error().startsWith("invalid_csr"), e.error());
        assertEquals(400, e.status());
    }

    @Test
    void malformedAndOversizedCsrsAreRefused() {
        assertEquals("invalid_csr", assertThrows(CityIamException.class, () -> CsrParser.parse("not a csr")).error());
        assertEquals(413, assertThrows(CityIamException.class, () -> CsrParser.parse(new byte[CsrParser.MAX_DER_BYTES + 1])).status());
        assertEquals("invalid_pem", assertThrows(CityIamException.class,
                () -> CsrParser.parse("-----BEGIN CERTIFICATE REQUEST-----\n!!!\n-----END CERTIFICATE REQUEST-----")).error());
    }

    @Test
    void lookAlikeRootWithTheSameNameIsNotTrusted() {
        TestPki.Issuer real = TestPki.root("CN=ManufRoot-A,O=Acme");
        TestPki.Issuer evil = TestPki.root("CN=ManufRoot-A,O=Acme");
        TestPki.Issuer idevid = TestPki.idevid(evil, "SN-0001");
        CityIamException e = assertThrows(CityIamException.class,
                () -> ChainValidator.validate(List.of(idevid.cert(), evil.cert()), List.of(real.cert()), new Date()));
        assertEquals(401, e.status());
        assertEquals("untrusted_chain", e.error());
        assertTrue(Fingerprints.spkiSha256(real.cert()).length() == 43 && !Fingerprints.spkiSha256(real.cert()).equals(Fingerprints.spkiSha256(evil.cert())));
    }

    @Test
    void neverExpiringIdevidValidatesAndCarriesItsSerial() {
        TestPki.Issuer root = TestPki.root("CN=ManufRoot-A,O=Acme");
        TestPki.Issuer idevid = TestPki.idevid(root, "SN-0042");
        assertEquals(root.cert(), ChainValidator.validate(List.of(idevid.cert(), root.cert()), List.of(root.cert()), new Date()));
        assertEquals("SN-0042", DeviceSerial.of(idevid.cert()));
    }

    @Test
    void crlListsRevokedSerialsWithReasons() throws Exception {
        CertificateAuthority ca = CertificateAuthority.create(CertificateAuthority.Profile.subject("city-iam", "city", "City Device CA"), Instant.now(), Duration.ofDays(10));
        var crl = ca.crl(List.of(new CertificateAuthority.Revoked(java.math.BigInteger.TEN, Instant.now(),
                CertificateAuthority.reasonCode("keyCompromise"))), Instant.now(), Duration.ofHours(1), java.math.BigInteger.ONE);
        crl.verify(ca.certificate().getPublicKey());
        assertEquals(java.security.cert.CRLReason.KEY_COMPROMISE, crl.getRevokedCertificate(java.math.BigInteger.TEN).getRevocationReason());
        assertEquals(-1, CertificateAuthority.reasonCode("because"));
    }
}
