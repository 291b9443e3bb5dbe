package city.iam.federation.discovery;

import org.jboss.logging.Logger;
import org.keycloak.models.IdentityProviderModel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether an OIDC IdP's token endpoint accepts a TCP connection, asked before discovery sends someone there:
 * a person sent to an IdP whose back channel is down signs in upstream only to meet Keycloak's broker error page
 * at the way back. The token endpoint, not the authorization endpoint, because the server must reach it for every
 * code exchange, while the authorization endpoint is the browser's to reach (a split-horizon network may hide it
 * from the server). SAML IdPs (no back channel in POST binding) and IdPs without a token URL count as reachable.
 *
 * <p>Answers are kept per host and port for {@value #TTL_MILLIS} ms on this node: reachability is what this node
 * sees, and a dead IdP should cost one connect attempt per half minute, not one per login.
 */
final class IdpReachability {

    private static final Logger LOG = Logger.getLogger(IdpReachability.class);
    static final int CONNECT_TIMEOUT_MILLIS = 1500;
    static final long TTL_MILLIS = 30_000;

    private record Seen(boolean up, long at) {
    }

    private static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();

    private IdpReachability() {
    }

    static boolean reachable(IdentityProviderModel idp) {
        String tokenUrl = idp.getConfig() == null ? null : idp.getConfig().get("tokenUrl");
        if (tokenUrl == null || tokenUrl.isBlank()) {
            return true;
        }
        URI uri;
        try {
            uri = URI.create(tokenUrl.trim());
        } catch (IllegalArgumentException e) {
            return true; // Keycloak's own validation owns malformed URLs; this check only spares people a dead end
        }
        if (uri.getHost() == null) {
            return true;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : "http".equalsIgnoreCase(uri.getScheme()) ? 80 : 443;
        String key = uri.getHost() + ":" + port;
        long now = System.currentTimeMillis();
        Seen seen = SEEN.get(key);
        if (seen != null && now - seen.at() < TTL_MILLIS) {
            return seen.up();
        }
        boolean up = connects(uri.getHost(), port);
        SEEN.put(key, new Seen(up, now));
        if (!up) {
            LOG.warnf("identity provider %s: token endpoint %s not reachable; discovery shows the fallback page", idp.getAlias(), key);
        }
        return up;
    }

    private static boolean connects(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
