package city.iam.device.pki;

import city.iam.kernel.error.CityIamException;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a certificate chain (leaf first) against pinned anchor certificates with PKIX. Because the trust
 * anchors are the pinned certificates themselves, a look-alike root with the same subject name but another
 * key fails on the signature. Manufacturer IDevIDs that never expire ({@code 99991231235959Z}) pass as
 * ordinary validity.
 */
public final class ChainValidator {

    private ChainValidator() {
    }

    /** Returns the anchor the chain ends at, or refuses with 401 {@code untrusted_chain}. */
    public static X509Certificate validate(List<X509Certificate> chain, Collection<X509Certificate> anchors, Date at) {
        if (chain.isEmpty()) {
            throw new CityIamException(401, "untrusted_chain", "No certificate chain was presented.");
        }
        if (chain.size() > 6) {
            throw CityIamException.badRequest("invalid_chain", "Certificate chains are limited to 6 certificates.");
        }
        if (anchors.isEmpty()) {
            throw new CityIamException(401, "untrusted_chain", "No trust anchor is configured for this purpose.");
        }
        List<X509Certificate> path = new ArrayList<>(chain);
        // A chain may include the root itself; PKIX wants the path without the anchor.
        Optional<X509Certificate> pinnedRoot = anchors.stream().filter(a -> a.equals(path.get(path.size() - 1))).findFirst();
        if (pinnedRoot.isPresent() && path.size() > 1) {
            path.remove(path.size() - 1);
        }
        try {
            Set<TrustAnchor> trust = new HashSet<>();
            for (X509Certificate a : anchors) {
                trust.add(new TrustAnchor(a, null));
            }
            PKIXParameters params = new PKIXParameters(trust);
            params.setRevocationEnabled(false);
            params.setDate(at);
            CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
            PKIXCertPathValidatorResult result = (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(certPath, params);
            return result.getTrustAnchor().getTrustedCert();
        } catch (CertPathValidatorException e) {
            throw new CityIamException(401, "untrusted_chain", "The certificate chain does not lead to a pinned trust anchor: " + reason(e));
        } catch (CertificateException | InvalidAlgorithmParameterException | NoSuchAlgorithmException e) {
            throw CityIamException.badRequest("invalid_chain", "The certificate chain could not be checked: " + e.getMessage());
        }
    }

    private static String reason(CertPathValidatorException e) {
        return e.getReason() == null ? "rejected" : e.getReason().toString().toLowerCase().replace('_', ' ');
    }
}
