package city.iam.device.pki;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * Key and certificate fingerprints. Trust is pinned by the SHA-256 of the SubjectPublicKeyInfo (RFC 7469
 * style, base64url), never by a subject name: a root with the same DN but another key has another pin.
 * {@link #x5tS256} is the RFC 8705 certificate thumbprint that bound tokens carry.
 */
public final class Fingerprints {

    private Fingerprints() {
    }

    /** base64url without padding, so a pin can stand in a URL path. */
    public static String spkiSha256(PublicKey key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(key.getEncoded()));
    }

    public static String spkiSha256(X509Certificate cert) {
        return spkiSha256(cert.getPublicKey());
    }

    public static String x5tS256(X509Certificate cert) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(cert.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
