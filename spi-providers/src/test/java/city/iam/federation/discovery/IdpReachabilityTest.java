package city.iam.federation.discovery;

import org.junit.jupiter.api.Test;
import org.keycloak.models.IdentityProviderModel;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdpReachabilityTest {

    private static IdentityProviderModel idp(Map<String, String> config) {
        IdentityProviderModel m = new IdentityProviderModel();
        m.setAlias("test");
        m.setConfig(new HashMap<>(config));
        return m;
    }

    @Test
    void aListeningTokenEndpointIsReachableAndAClosedOneIsNot() throws Exception {
        int closed;
        try (ServerSocket listening = new ServerSocket(0); ServerSocket gone = new ServerSocket(0)) {
            assertTrue(IdpReachability.reachable(idp(Map.of("tokenUrl", "http://127.0.0.1:" + listening.getLocalPort() + "/token"))));
            closed = gone.getLocalPort();
        }
        assertFalse(IdpReachability.reachable(idp(Map.of("tokenUrl", "http://127.0.0.1:" + closed + "/token"))));
    }

    @Test
    void withoutATokenEndpointToProbeAnIdpCountsAsReachable() {
        assertTrue(IdpReachability.reachable(idp(Map.of())), "SAML: no back channel");
        assertTrue(IdpReachability.reachable(idp(Map.of("tokenUrl", "not a url"))));
        assertTrue(IdpReachability.reachable(idp(Map.of("tokenUrl", "urn:no-host"))));
    }
}
