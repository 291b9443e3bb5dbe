package city.iam.kernel.tls;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * RFC 9440 {@code Client-Cert} / {@code Client-Cert-Chain} values: structured-field byte sequences
 * ({@code :base64-DER:}), the chain a comma-separated list of them. Anything malformed yields no certificate:
 * a header we cannot read must never turn into an identity.
 */
public final class ClientCertHeaders {

    /** Bounds the work a header can cause; a chain longer than this is refused outright. */
    static final int MAX_HEADER_CHARS = 32 * 1024;

    private ClientCertHeaders() {
    }

    /** The leaf then the chain, or an empty list when the leaf is missing or anything fails to parse. */
    public static List<X509Certificate> parse(String leaf, String chain, int maxChain) {
        if (leaf == null || leaf.isBlank() || leaf.length() > MAX_HEADER_CHARS || chain != null && chain.length() > MAX_HEADER_CHARS) {
            return List.of();
        }
        try {
            List<X509Certificate> out = new ArrayList<>();
            out.add(certificate(leaf));
            if (chain != null && !chain.isBlank()) {
                String[] items = chain.split(",");
                if (items.length > maxChain) {
                    return List.of();
                }
                for (String item : items) {
                    out.add(certificate(item));
                }
            }
            return List.copyOf(out);
        } catch (IllegalArgumentException | CertificateException e) {
            return List.of();
        }
    }

    private static X509Certificate certificate(String item) throws CertificateException {
        String v = item.trim();
        if (v.length() < 3 || v.charAt(0) != ':' || v.charAt(v.length() - 1) != ':') {
            throw new IllegalArgumentException("not a structured-field byte sequence");
        }
        byte[] der = Base64.getDecoder().decode(v.substring(1, v.length() - 1));
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
    }

    /** The header value for one certificate: what a proxy (or a test standing in for one) sends. */
    public static String encode(X509Certificate cert) {
        try {
            return ":" + Base64.getEncoder().encodeToString(cert.getEncoded()) + ":";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
