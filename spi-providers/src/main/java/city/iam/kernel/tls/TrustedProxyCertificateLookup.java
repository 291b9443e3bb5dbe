package city.iam.kernel.tls;

import org.jboss.logging.Logger;
import org.keycloak.http.HttpRequest;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.x509.X509ClientCertificateLookup;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Client certificates for a city that has devices talking mTLS straight to Keycloak and gateways behind TLS
 * terminators at the same time (DI-13). The certificate of the TLS connection always wins. RFC 9440 headers
 * count only when the connection comes from a configured proxy address, or when the TLS peer is a proxy whose
 * key is pinned; from anyone else they are ignored, so a device cannot name another device's certificate.
 * Keycloak's own header lookups trust every sender once proxy headers are on, and drop direct mTLS.
 */
public final class TrustedProxyCertificateLookup implements X509ClientCertificateLookup {

    private static final Logger LOG = Logger.getLogger(TrustedProxyCertificateLookup.class);

    /** Settings shared by every request: built once by the factory. */
    public record Settings(AddressRanges proxies, Set<String> proxyPins, String certHeader, String chainHeader, int maxChain) {
    }

    private final KeycloakSession session;
    private final Settings settings;

    TrustedProxyCertificateLookup(KeycloakSession session, Settings settings) {
        this.session = session;
        this.settings = settings;
    }

    @Override
    public X509Certificate[] getCertificateChain(HttpRequest request) {
        X509Certificate[] tls = request.getClientCertificateChain();
        boolean fromTls = tls != null && tls.length > 0;
        if (fromTls && (settings.proxyPins().isEmpty() || !settings.proxyPins().contains(spkiPin(tls[0])))) {
            return tls;
        }
        String header = request.getHttpHeaders().getHeaderString(settings.certHeader());
        if (header == null) {
            return fromTls ? new X509Certificate[0] : null;
        }
        if (!fromTls && !settings.proxies().contains(remoteAddress())) {
            LOG.debugf("Ignoring %s header from untrusted address %s", settings.certHeader(), remoteAddress());
            return null;
        }
        List<X509Certificate> chain = ClientCertHeaders.parse(header,
                request.getHttpHeaders().getHeaderString(settings.chainHeader()), settings.maxChain());
        return chain.toArray(X509Certificate[]::new);
    }

    private String remoteAddress() {
        return session.getContext().getConnection() == null ? null : session.getContext().getConnection().getRemoteAddr();
    }

    /** base64url SHA-256 of the SubjectPublicKeyInfo, the same pin format as the device trust anchors. */
    static String spkiPin(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getPublicKey().getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
    }
}
