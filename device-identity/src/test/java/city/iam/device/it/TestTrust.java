package city.iam.device.it;

import city.iam.device.TestPki;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * TLS material for the module's test server, written before it starts: the server certificate, and a trust
 * store with the test manufacturer root and a city device CA that the tests import into their realm. Keycloak
 * requests client certificates (https-client-auth=request) and the TLS layer checks them against this store;
 * the module then re-validates them against its own pins.
 */
public final class TestTrust {

    static final String PASSWORD = "changeit";

    private TestTrust() {
    }

    public static List<String> prepare(Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("tls"));
        KeyPair serverKeys = TestPki.ecKeys();
        X500Name serverName = new X500Name("CN=localhost");
        var b = new JcaX509v3CertificateBuilder(serverName, BigInteger.valueOf(System.nanoTime()), Date.from(Instant.now().minusSeconds(3600)),
                Date.from(Instant.now().plusSeconds(86400L * 30)), serverName, serverKeys.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[]{
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        X509Certificate server = new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(serverKeys.getPrivate())));
        write(dir, "server", server, serverKeys.getPrivate());

        TestPki.Issuer manufacturer = TestPki.root("CN=ManufRoot-TLS,O=Acme Meters");
        write(dir, "manufacturer", manufacturer.cert(), manufacturer.keys().getPrivate());
        TestPki.Issuer cityCa = TestPki.root("CN=City Device CA (test),O=city-iam");
        write(dir, "city-ca", cityCa.cert(), cityCa.keys().getPrivate());

        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("manufacturer", manufacturer.cert());
        trust.setCertificateEntry("city-ca", cityCa.cert());
        try (OutputStream out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
            trust.store(out, PASSWORD.toCharArray());
        }
        return List.of(
                "--https-certificate-file=" + dir.resolve("server.crt"),
                "--https-certificate-key-file=" + dir.resolve("server.key"),
                "--https-client-auth=request",
                "--https-trust-store-file=" + dir.resolve("truststore.p12"),
                "--https-trust-store-password=" + PASSWORD,
                "--https-trust-store-type=PKCS12");
    }

    private static void write(Path dir, String name, X509Certificate cert, PrivateKey key) throws Exception {
        Files.writeString(dir.resolve(name + ".crt"), TestPki.pem(cert));
        Files.writeString(dir.resolve(name + ".key"), TestPki.pem("PRIVATE KEY", key.getEncoded()));
    }

    /** The material prepare() wrote, for the tests of this run. */
    public static TestPki.Issuer load(String name) {
        try {
            Path dir = Path.of(System.getProperty("cityiam.test.work", "target/it-server")).resolve("tls");
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(dir.resolve(name + ".crt"))));
            byte[] der = Base64.getMimeDecoder().decode(Files.readString(dir.resolve(name + ".key")).replaceAll("-----[A-Z ]+-----", "").trim());
            PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new TestPki.Issuer(cert, new KeyPair(cert.getPublicKey(), key));
        } catch (Exception e) {
            throw new IllegalStateException("TLS material of the test server not found", e);
        }
    }
}
