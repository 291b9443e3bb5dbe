package city.iam.device.pki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The city device CA: a self-signed EC P-256 root that issues LDevID client certificates and signs the CRL.
 * Plain Java over Bouncy Castle's builders; signatures go through the default JCA providers (no provider
 * names, so FIPS mode keeps working).
 */
public final class CertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X509Certificate certificate;
    private final PrivateKey key;

    public CertificateAuthority(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    public PrivateKey key() {
        return key;
    }

    /** True when the private key signs what the certificate's public key verifies. */
    public boolean matches() {
        try {
            String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            java.security.Signature s = java.security.Signature.getInstance(alg);
            s.initSign(key);
            byte[] probe = "city-iam-ca-probe".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            s.update(probe);
            byte[] sig = s.sign();
            s.initVerify(certificate.getPublicKey());
            s.update(probe);
            return s.verify(sig);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** A new CA with a fresh P-256 key, valid from {@code now} for {@code validity}. */
    public static CertificateAuthority create(X500Name name, Instant now, Duration validity) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return create(name, now, validity, gen.generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create the device CA", e);
        }
    }

    /** A self-signed CA for a key held elsewhere (a Keycloak realm key): the key signs its own certificate. */
    public static CertificateAuthority create(X500Name name, Instant now, Duration validity, KeyPair pair) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(name, serial(), Date.from(now.minusSeconds(60)),
                    Date.from(now.plus(validity)), name, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(pair.getPublic()));
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(b.build(signer(pair.getPrivate())));
            return new CertificateAuthority(cert, pair.getPrivate());
        } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create the device CA", e);
        }
    }

    /** What an issued certificate says: decided by the enrollment group's template, never by the request. */
    public record Profile(X500Name subject, List<String> uris, Duration validity, String crlUrl) {

        /** O=realm, OU=group, CN=device id, in DER order, with every value escaped by the builder. */
        public static X500Name subject(String organisation, String unit, String commonName) {
            return new org.bouncycastle.asn1.x500.X500NameBuilder(org.bouncycastle.asn1.x500.style.BCStyle.INSTANCE)
                    .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.O, organisation)
                    .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.OU, unit)
                    .addRDN(org.bouncycastle.asn1.x500.style.BCStyle.CN, commonName).build();
        }
    }

    public X509Certificate issue(PublicKey deviceKey, Profile profile, Instant now) {
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            Instant notAfter = now.plus(profile.validity());
            if (notAfter.isAfter(certificate.getNotAfter().toInstant())) {
                notAfter = certificate.getNotAfter().toInstant();
            }
            GeneralName[] sans = profile.uris().stream()
                    .map(u -> new GeneralName(GeneralName.uniformResourceIdentifier, u)).toArray(GeneralName[]::new);
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(certificate, serial(),
                    Date.from(now.minusSeconds(60)), Date.from(notAfter), profile.subject(), deviceKey)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(deviceKey))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(certificate));
            if (sans.length > 0) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
            }
            if (profile.crlUrl() != null) {
                DistributionPoint dp = new DistributionPoint(new DistributionPointName(new GeneralNames(
                        new GeneralName(GeneralName.uniformResourceIdentifier, profile.crlUrl()))), null, null);
                b.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[]{dp}));
            }
            return new JcaX509CertificateConverter().getCertificate(b.build(signer(key)));
        } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a device certificate", e);
        }
    }

    /** A revoked serial with its RFC 5280 reason code. */
    public record Revoked(BigInteger serial, Instant at, int reason) {
    }

    public X509CRL crl(List<Revoked> revoked, Instant now, Duration nextUpdate, BigInteger crlNumber) {
        try {
            X509v2CRLBuilder b = new JcaX509v2CRLBuilder(certificate, Date.from(now));
            b.setNextUpdate(Date.from(now.plus(nextUpdate)));
            for (Revoked r : revoked) {
                b.addCRLEntry(r.serial(), Date.from(r.at()), r.reason());
            }
            b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(crlNumber));
            b.addExtension(Extension.authorityKeyIdentifier, false, new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(certificate));
            X509CRLHolder holder = b.build(signer(key));
            return new JcaX509CRLConverter().getCRL(holder);
        } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot sign the CRL", e);
        }
    }

    /** RFC 5280 reason codes by their names as admins write them. */
    public static int reasonCode(String name) {
        return switch (name == null ? "unspecified" : name) {
            case "unspecified" -> CRLReason.unspecified;
            case "keyCompromise" -> CRLReason.keyCompromise;
            case "cACompromise" -> CRLReason.cACompromise;
            case "affiliationChanged" -> CRLReason.affiliationChanged;
            case "superseded" -> CRLReason.superseded;
            case "cessationOfOperation" -> CRLReason.cessationOfOperation;
            case "certificateHold" -> CRLReason.certificateHold;
            case "privilegeWithdrawn" -> CRLReason.privilegeWithdrawn;
            default -> -1;
        };
    }

    private static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
        String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaContentSignerBuilder(alg).build(key);
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }
}
