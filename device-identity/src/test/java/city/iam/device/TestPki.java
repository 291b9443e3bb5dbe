package city.iam.device;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;

/** A manufacturer's PKI and a device's side of enrolment, made with real keys for the tests. */
public final class TestPki {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TestPki() {
    }

    public record Issuer(X509Certificate cert, KeyPair keys) {
    }

    public static KeyPair ecKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Issuer root(String dn) {
        try {
            KeyPair keys = ecKeys();
            X500Name name = new X500Name(dn);
            var b = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE), Date.from(Instant.now().minusSeconds(3600)),
                    Date.from(Instant.now().plusSeconds(86400L * 3650)), name, keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(1))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new Issuer(new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))), keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An 802.1AR IDevID: subject serialNumber, never expires (99991231235959Z). */
    public static Issuer idevid(Issuer root, String serial) {
        try {
            KeyPair keys = ecKeys();
            Date never = Date.from(ZonedDateTime.of(9999, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC).toInstant());
            var b = new JcaX509v3CertificateBuilder(root.cert(), BigInteger.valueOf(RANDOM.nextLong() & Long.MAX_VALUE),
                    Date.from(Instant.now().minusSeconds(3600)), never,
                    new X500Name("CN=Streetlight,O=Acme Lighting,SERIALNUMBER=" + serial), keys.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            return new Issuer(new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(root.keys().getPrivate()))), keys);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String csrPem(KeyPair keys, String subject) {
        return csrPem(keys, new X500Name(subject));
    }

    public static String csrPem(KeyPair keys, X500Name subject) {
        try {
            var req = new JcaPKCS10CertificationRequestBuilder(subject, keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
            return pem("CERTIFICATE REQUEST", req.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    public static String pem(X509Certificate cert) {
        try {
            return pem("CERTIFICATE", cert.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Evidence claims as a device would report them; tests change single fields to break them. */
    public static JWTClaimsSet.Builder claims(String nonce, String serial, java.security.PublicKey csrKey) {
        ECKey cnf = new ECKey.Builder(Curve.P_256, (ECPublicKey) csrKey).build();
        return new JWTClaimsSet.Builder()
                .issueTime(new Date())
                .claim("eat_nonce", nonce)
                .claim("ueid", serial)
                .claim("swversion", "2.4.1")
                .claim("secboot", true)
                .claim("dbgstat", 3)
                .claim("cnf", Map.of("jwk", cnf.toJSONObject()));
    }

    public static String sign(JWTClaimsSet claims, Issuer signer, List<X509Certificate> chain) {
        try {
            List<Base64> x5c = chain.stream().map(c -> {
                try {
                    return Base64.encode(c.getEncoded());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }).toList();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).x509CertChain(x5c)
                    .type(new com.nimbusds.jose.JOSEObjectType("eat+jwt")).build(), claims);
            jwt.sign(new ECDSASigner(signer.keys().getPrivate(), Curve.P_256));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
