package city.iam.federation.assurance;

import org.keycloak.Config;
import org.keycloak.broker.saml.SAMLIdentityProviderConfig;
import org.keycloak.broker.saml.SAMLIdentityProviderFactory;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.saml.validators.DestinationValidator;

/**
 * Identity provider type {@code city-saml}: a SAML broker that forwards step-up requests as
 * {@code RequestedAuthnContext} in the IdP's vocabulary. Configured exactly like {@code saml} (the admin console
 * and metadata import are the stock ones).
 */
public class CitySamlIdentityProviderFactory extends SAMLIdentityProviderFactory {

    public static final String PROVIDER_ID = "city-saml";

    /** The parent keeps its validator private; built the same way from the same option. */
    private DestinationValidator destinationValidator;

    @Override
    public void init(Config.Scope config) {
        super.init(config);
        destinationValidator = DestinationValidator.forProtocolMap(config.getArray("knownProtocols"));
    }

    @Override
    public String getName() {
        return "SAML v2.0 (city assurance step-up)";
    }

    @Override
    public CitySamlIdentityProvider create(KeycloakSession session, IdentityProviderModel model) {
        return new CitySamlIdentityProvider(session, new SAMLIdentityProviderConfig(model), destinationValidator);
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
