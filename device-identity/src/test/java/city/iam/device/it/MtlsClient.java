package city.iam.device.it;

import city.iam.device.TestPki;
import city.iam.testing.Http;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.net.http.HttpClient;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

/** An HTTPS client that presents a device certificate (or none), trusting the test server's certificate. */
final class MtlsClient {

    private MtlsClient() {
    }

    static Http as(String httpsUrl, PrivateKey key, List<X509Certificate> chain) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", TestTrust.load("server").cert());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            if (key != null) {
                keys.setKeyEntry("device", key, "x".toCharArray(), chain.toArray(X509Certificate[]::new));
            }
            kmf.init(keys, "x".toCharArray());
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return new Http(httpsUrl, HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(10)).build());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Http as(String httpsUrl, TestPki.Issuer identity, X509Certificate... issuers) {
        List<X509Certificate> chain = new java.util.ArrayList<>(List.of(identity.cert()));
        chain.addAll(List.of(issuers));
        return as(httpsUrl, identity.keys().getPrivate(), chain);
    }

    static Http anonymous(String httpsUrl) {
        return as(httpsUrl, null, List.of());
    }
}
