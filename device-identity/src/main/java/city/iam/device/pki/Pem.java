package city.iam.device.pki;

import city.iam.kernel.error.CityIamException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM and DER for certificates and CSRs, with the size limits every device-facing input gets. */
public final class Pem {

    public static final int MAX_PEM_CHARS = 64 * 1024;
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

    private Pem() {
    }

    public static String encode(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    /** The DER of each block of the given type, in order. */
    public static List<byte[]> decodeAll(String pem, String... types) {
        if (pem == null || pem.isBlank()) {
            throw CityIamException.badRequest("invalid_pem", "A PEM value is required.");
        }
        if (pem.length() > MAX_PEM_CHARS) {
            throw new CityIamException(413, "request_too_large", "PEM input is limited to " + MAX_PEM_CHARS + " characters.");
        }
        List<byte[]> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            if (List.of(types).contains(m.group(1))) {
                try {
                    out.add(Base64.getMimeDecoder().decode(m.group(2)));
                } catch (IllegalArgumentException e) {
                    throw CityIamException.badRequest("invalid_pem", "A " + m.group(1) + " block is not valid base64.");
                }
            }
        }
        if (out.isEmpty()) {
            throw CityIamException.badRequest("invalid_pem", "No " + String.join(" or ", types) + " block found in the PEM input.");
        }
        return out;
    }

    public static byte[] decode(String pem, String... types) {
        return decodeAll(pem, types).get(0);
    }

    public static X509Certificate certificate(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw CityIamException.badRequest("invalid_certificate", "The certificate could not be parsed as X.509 DER.");
        }
    }

    public static List<X509Certificate> certificates(String pem) {
        return decodeAll(pem, "CERTIFICATE").stream().map(Pem::certificate).toList();
    }

    public static String encode(X509Certificate cert) {
        try {
            return encode("CERTIFICATE", cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
