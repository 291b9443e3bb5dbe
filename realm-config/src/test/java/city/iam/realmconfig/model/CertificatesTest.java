package city.iam.realmconfig.model;

import city.iam.realmconfig.TestDirs;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CertificatesTest {

    @Test
    void pinsTheReferenceAnchorAsOpensslDoes() throws Exception {
        // openssl x509 -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -binary | base64url
        JsonNode anchor = new ObjectMapper().readTree(TestDirs.reference().resolve("trust-anchors.json").toFile()).get("trust_anchors").get(0);
        X509Certificate cert = Certificates.parse(anchor.get("certificate").asText());
        assertEquals("3c1TLS8nBlfMvG7ihbsCYpF94nJ62c1kds1rTgqzZY8", Certificates.pin(cert));
    }

    @Test
    void formattingOfThePemIsNotAChange() throws Exception {
        JsonNode anchor = new ObjectMapper().readTree(TestDirs.reference().resolve("trust-anchors.json").toFile()).get("trust_anchors").get(0);
        String pem = anchor.get("certificate").asText();
        String crlf = "  " + pem.replace("\n", "\r\n") + "\n\n";
        assertEquals(Certificates.canonicalPem(Certificates.parse(pem)), Certificates.canonicalPem(Certificates.parse(crlf)));
    }

    @Test
    void somethingElseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Certificates.parse("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"));
    }
}
