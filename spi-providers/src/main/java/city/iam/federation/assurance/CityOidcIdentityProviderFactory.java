package city.iam.federation.assurance;

import org.keycloak.broker.oidc.OIDCIdentityProviderConfig;
import org.keycloak.broker.oidc.OIDCIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;

/** Identity provider type {@code city-oidc}: an OIDC broker that forwards step-up requests in the IdP's vocabulary. */
public class CityOidcIdentityProviderFactory extends OIDCIdentityProviderFactory {

    public static final String PROVIDER_ID = "city-oidc";

    @Override
    public String getName() {
        return "OpenID Connect v1.0 (city assurance step-up)";
    }

    @Override
    public CityOidcIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new CityOidcIdentityProvider(session, new OIDCIdentityProviderConfig(model));
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
