package city.iam.federation.aggregate;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Test material for aggregates: a signing key made with the JDK's keytool (no Bouncy Castle) and generated
 * eduGAIN-style {@code EntitiesDescriptor}s of any size, signed like a federation operator signs them.
 */
public final class SignedAggregate {

    public static final String CAT_RS = "http://refeds.org/category/research-and-scholarship";
    public static final String CAT_HIDE = "http://refeds.org/category/hide-from-discovery";

    /** A key pair with its self-signed certificate. */
    public record Signer(PrivateKey key, X509Certificate certificate) {
        public String pem() {
            try {
                return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(certificate.getEncoded())
                        + "\n-----END CERTIFICATE-----\n";
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }

        public String base64() {
            try {
                return Base64.getEncoder().encodeToString(certificate.getEncoded());
            } catch (java.security.cert.CertificateEncodingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private SignedAggregate() {
    }

    public static Signer signer(String cn) {
        return signer(cn, false);
    }

    /** @param ec a P-256 key (small certificates for generated IdP entities) instead of RSA 2048 */
    public static Signer signer(String cn, boolean ec) {
        try {
            Path dir = Files.createTempDirectory("agg-key");
            Path store = dir.resolve("k.p12");
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "k", "-keyalg", ec ? "EC" : "RSA", ec ? "-groupname" : "-keysize", ec ? "secp256r1" : "2048",
                    "-sigalg", ec ? "SHA256withECDSA" : "SHA256withRSA",
                    "-dname", "CN=" + cn, "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + out);
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(store)) {
                ks.load(in, "changeit".toCharArray());
            }
            return new Signer((PrivateKey) ks.getKey("k", "changeit".toCharArray()), (X509Certificate) ks.getCertificate("k"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** One IdP entity's XML. */
    public static String idp(int i, String idpCertB64, String authority, List<String> categories) {
        StringBuilder b = new StringBuilder(2048 + idpCertB64.length());
        b.append("<md:EntityDescriptor entityID=\"https://idp").append(i).append(".example.org/idp\">");
        b.append("<md:Extensions><mdrpi:RegistrationInfo registrationAuthority=\"").append(authority).append("\"/>");
        if (!categories.isEmpty()) {
            b.append("<mdattr:EntityAttributes><saml:Attribute Name=\"http://macedir.org/entity-category\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:uri\">");
            for (String c : categories) {
                b.append("<saml:AttributeValue>").append(c).append("</saml:AttributeValue>");
            }
            b.append("</saml:Attribute></mdattr:EntityAttributes>");
        }
        b.append("</md:Extensions>");
        b.append("<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">");
        b.append("<md:Extensions><shibmd:Scope regexp=\"false\">org").append(i).append(".example.org</shibmd:Scope>");
        b.append("<mdui:UIInfo><mdui:DisplayName xml:lang=\"en\">Organisation ").append(i).append("</mdui:DisplayName></mdui:UIInfo></md:Extensions>");
        b.append("<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>").append(idpCertB64)
                .append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>");
        b.append("<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp")
                .append(i).append(".example.org/slo\"/>");
        b.append("<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://idp")
                .append(i).append(".example.org/sso\"/>");
        b.append("</md:IDPSSODescriptor></md:EntityDescriptor>");
        return b.toString();
    }

    public static String sp(int i) {
        return "<md:EntityDescriptor entityID=\"https://sp" + i + ".example.org/sp\"><md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://sp" + i
                + ".example.org/acs\" index=\"0\"/></md:SPSSODescriptor></md:EntityDescriptor>";
    }

    /** An unsigned aggregate around the given entity XML. */
    public static String unsigned(Instant validUntil, String entities) {
        return "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" xmlns:mdrpi=\"urn:oasis:names:tc:SAML:metadata:rpi\""
                + " xmlns:mdattr=\"urn:oasis:names:tc:SAML:metadata:attribute\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""
                + " xmlns:mdui=\"urn:oasis:names:tc:SAML:metadata:ui\" xmlns:shibmd=\"urn:mace:shibboleth:metadata:1.0\""
                + " ID=\"agg-" + validUntil.getEpochSecond() + "\" Name=\"urn:test:federation\""
                + (validUntil.equals(Instant.EPOCH) ? "" : " validUntil=\"" + validUntil + "\"") + ">" + entities + "</md:EntitiesDescriptor>";
    }

    /** {@code count} IdPs (every 10th in the R&S category, every 7th registered by another authority) and a few SPs. */
    public static String entities(int count, String idpCertB64) {
        StringBuilder b = new StringBuilder(count * 2400);
        for (int i = 0; i < count; i++) {
            b.append(idp(i, idpCertB64, i % 7 == 0 ? "https://other.example.net" : "https://federation.example.org",
                    i % 10 == 0 ? List.of(CAT_RS) : List.of()));
            if (i % 100 == 0) {
                b.append(sp(i));
            }
        }
        return b.toString();
    }

    public static byte[] sign(String xml, Signer signer) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Element root = doc.getDocumentElement();
            root.setIdAttribute("ID", true);
            XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
            Reference ref = fac.newReference("#" + root.getAttribute("ID"), fac.newDigestMethod(DigestMethod.SHA256, null),
                    List.of(fac.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                            fac.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
            SignedInfo si = fac.newSignedInfo(fac.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                    fac.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(ref));
            // The signature goes first inside the root, as in SAML metadata.
            DOMSignContext ctx = new DOMSignContext(signer.key(), root, root.getFirstChild());
            fac.newXMLSignature(si, null).sign(ctx);
            ByteArrayOutputStream out = new ByteArrayOutputStream(xml.length() + 4096);
            var t = TransformerFactory.newDefaultInstance().newTransformer();
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "no");
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
