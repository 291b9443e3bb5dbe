package city.iam.kernel.tls;

import org.keycloak.models.KeycloakSession;
import org.keycloak.services.x509.X509ClientCertificateLookup;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * The TLS client certificate chain of the current request, through Keycloak's certificate lookup: directly
 * from the TLS connection, or from a proxy header only when an operator configured that proxy (DI-13).
 */
public final class TlsClient {

    private TlsClient() {
    }

    public static X509Certificate[] chain(KeycloakSession session) {
        X509ClientCertificateLookup lookup = session.getProvider(X509ClientCertificateLookup.class);
        try {
            X509Certificate[] chain = lookup == null ? null : lookup.getCertificateChain(session.getContext().getHttpRequest());
            return chain == null ? new X509Certificate[0] : chain;
        } catch (GeneralSecurityException e) {
            return new X509Certificate[0];
        }
    }
}
