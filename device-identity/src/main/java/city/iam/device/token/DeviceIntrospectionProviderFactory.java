package city.iam.device.token;

import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProviderFactory;
import org.keycloak.protocol.oidc.TokenIntrospectionProvider;

/**
 * Replaces Keycloak's {@code access_token} introspection provider (same id, higher order) with one that also
 * checks the device named in the token. Tokens without {@code device_id} are introspected exactly as before.
 */
public class DeviceIntrospectionProviderFactory extends AccessTokenIntrospectionProviderFactory {

    @Override
    public TokenIntrospectionProvider create(KeycloakSession session) {
        return new DeviceIntrospectionProvider(session);
    }

    @Override
    public int order() {
        return 100;
    }
}
