package city.iam.realmconfig.remote;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;

/** An SSLContext that trusts the given store (PKCS12 or JKS), for servers with a private CA. */
final class Tls {

    private Tls() {
    }

    static SSLContext trusting(Path store, String password) {
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
            ks.load(in, password == null ? null : password.toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new RemoteFailure("Cannot load the trust store " + store + ": " + e.getMessage(), e);
        }
    }
}
