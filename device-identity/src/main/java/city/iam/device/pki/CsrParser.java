package city.iam.device.pki;

import city.iam.kernel.error.CityIamException;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

import java.io.IOException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;

/**
 * Reads a PKCS#10 request and proves possession: the request must be signed by the key it carries. Requested
 * names and extensions are read only to be ignored — the group template decides what the certificate says.
 */
public final class CsrParser {

    public static final int MAX_DER_BYTES = 16 * 1024;

    private CsrParser() {
    }

    public record Csr(PublicKey publicKey, org.bouncycastle.asn1.x500.X500Name requestedSubject, byte[] der) {

        /** True when the request names no subject or exactly this one (compared as DER). */
        public boolean subjectEmptyOrEqual(javax.security.auth.x500.X500Principal subject) {
            return requestedSubject == null || requestedSubject.getRDNs().length == 0
                    || requestedSubject.equals(org.bouncycastle.asn1.x500.X500Name.getInstance(subject.getEncoded()));
        }
    }

    /** Accepts PEM ("CERTIFICATE REQUEST" / "NEW CERTIFICATE REQUEST") or bare base64 DER (as EST sends). */
    public static Csr parse(String pemOrBase64) {
        if (pemOrBase64 == null || pemOrBase64.isBlank()) {
            throw CityIamException.badRequest("invalid_csr", "A PKCS#10 certificate signing request is required.");
        }
        byte[] der;
        if (pemOrBase64.contains("-----BEGIN")) {
            der = Pem.decode(pemOrBase64, "CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST");
        } else {
            if (pemOrBase64.length() > MAX_DER_BYTES * 2) {
                throw new CityIamException(413, "request_too_large", "The CSR is larger than " + MAX_DER_BYTES + " bytes.");
            }
            try {
                der = java.util.Base64.getMimeDecoder().decode(pemOrBase64.trim());
            } catch (IllegalArgumentException e) {
                throw CityIamException.badRequest("invalid_csr", "The CSR is neither PEM nor base64 DER.");
            }
        }
        return parse(der);
    }

    public static Csr parse(byte[] der) {
        if (der.length > MAX_DER_BYTES) {
            throw new CityIamException(413, "request_too_large", "The CSR is larger than " + MAX_DER_BYTES + " bytes.");
        }
        JcaPKCS10CertificationRequest request;
        PublicKey key;
        try {
            request = new JcaPKCS10CertificationRequest(new PKCS10CertificationRequest(der));
            key = request.getPublicKey();
        } catch (IOException | RuntimeException | NoSuchAlgorithmException | InvalidKeyException e) {
            throw CityIamException.badRequest("invalid_csr", "The CSR could not be parsed as PKCS#10.");
        }
        if (PKCSObjectIdentifiers.md5WithRSAEncryption.equals(request.getSignatureAlgorithm().getAlgorithm())
                || PKCSObjectIdentifiers.sha1WithRSAEncryption.equals(request.getSignatureAlgorithm().getAlgorithm())) {
            throw CityIamException.badRequest("invalid_csr", "The CSR is signed with a broken hash algorithm.");
        }
        try {
            ContentVerifierProvider verifier = new JcaContentVerifierProviderBuilder().build(key);
            if (!request.isSignatureValid(verifier)) {
                throw CityIamException.badRequest("invalid_csr_signature", "The CSR signature does not verify with the key it carries.");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw CityIamException.badRequest("invalid_csr_signature", "The CSR signature could not be verified.");
        }
        KeyPolicy.require(key);
        return new Csr(key, request.getSubject(), der);
    }
}
