package city.iam.federation.assurance;

import jakarta.ws.rs.core.UriBuilder;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.models.KeycloakSession;

/**
 * Keycloak's OIDC broker, plus translated {@code acr_values} forwarding ({@link StepUpForwarding}). Everything
 * else — token validation, logout, mappers — is the stock provider.
 */
public class CityOidcIdentityProvider extends OIDCIdentityProvider {

    public CityOidcIdentityProvider(KeycloakSession session, OIDCIdentityProviderConfig config) {
        super(session, config);
    }

    @Override
    protected UriBuilder createAuthorizationUrl(AuthenticationRequest request) {
        StepUpForwarding.prepare(session, getConfig().getAlias(), request.getAuthenticationSession());
        return super.createAuthorizationUrl(request);
    }
}
