package city.iam.federation.assurance;

import jakarta.ws.rs.core.Response;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.oidc.OIDCIdentityProviderFactory;
import org.keycloak.broker.provider.IdentityProviderMapper;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.models.KeycloakSession;

import java.util.Arrays;

/**
 * Keycloak's OIDC broker, plus translated {@code acr_values} forwarding ({@link StepUpForwarding}). Everything
 * else — token validation, logout, mappers — is the stock provider.
 */
public class CityOidcIdentityProvider extends OIDCIdentityProvider {

    public CityOidcIdentityProvider(KeycloakSession session, OIDCIdentityProviderConfig config) {
        super(session, config);
    }

    /**
     * Translated before the stock login builds the URL: the stock {@code performLogin} turns any exception from
     * {@code createAuthorizationUrl} into a 502 "could not send authentication request", which would hide the
     * 403 page of an essential level the IdP cannot reach.
     */
    @Override
    public Response performLogin(AuthenticationRequest request) {
        StepUpForwarding.prepare(session, getConfig().getAlias(), request.getAuthenticationSession());
        return super.performLogin(request);
    }

    /** The stock OIDC mappers declare themselves for {@code oidc}; they work here as well. */
    @Override
    public boolean isMapperSupported(IdentityProviderMapper mapper) {
        return Arrays.asList(mapper.getCompatibleProviders()).contains(OIDCIdentityProviderFactory.PROVIDER_ID)
                || super.isMapperSupported(mapper);
    }
}
