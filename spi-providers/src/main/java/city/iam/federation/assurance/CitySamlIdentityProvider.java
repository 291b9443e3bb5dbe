package city.iam.federation.assurance;

import jakarta.ws.rs.core.Response;
import org.keycloak.broker.provider.AuthenticationRequest;
import org.keycloak.broker.saml.SAMLIdentityProvider;
import org.keycloak.broker.saml.SAMLIdentityProviderConfig;
import org.keycloak.broker.saml.SAMLIdentityProviderFactory;
import org.keycloak.broker.provider.IdentityProviderMapper;
import org.keycloak.dom.saml.v2.protocol.AuthnContextComparisonType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.saml.validators.DestinationValidator;

import java.util.Arrays;
import java.util.Optional;

/**
 * Keycloak's SAML broker, plus step-up forwarding: when the client requested a level, the AuthnRequest carries
 * {@code <RequestedAuthnContext Comparison="minimum">} with the IdP's lowest sufficient
 * {@code AuthnContextClassRef} ({@link StepUpForwarding}). Keycloak already builds that element from the IdP's
 * static "AuthnContext ClassRefs" setting; we only set it for this one request. That is safe because each request
 * gets its own provider and its own copy of the configuration ({@code new SAMLIdentityProviderConfig(model)}
 * copies the map), never the cached model. Signing, bindings, assertion validation and mappers are the stock ones.
 *
 * <p>Why {@code minimum}: the eIDAS SAML message format asks for {@code minimum} with the notified LoA URIs — the
 * requested LoA is a floor and the node may authenticate higher; {@code exact} would make a node refuse a citizen
 * who only holds a "high" means when "substantial" was asked. The answer is still checked: the assurance mapper
 * maps the returned class ref, and an essential request refuses a lower one.
 */
public class CitySamlIdentityProvider extends SAMLIdentityProvider {

    public CitySamlIdentityProvider(KeycloakSession session, SAMLIdentityProviderConfig config, DestinationValidator validator) {
        super(session, config, validator);
    }

    @Override
    public Response performLogin(AuthenticationRequest request) {
        Optional<String> upstream = StepUpForwarding.upstreamFor(session, getConfig().getAlias(), request.getAuthenticationSession());
        upstream.ifPresent(classRef -> {
            getConfig().setAuthnContextClassRefs(RequestedClassRefs.json(classRef));
            getConfig().setAuthnContextComparisonType(AuthnContextComparisonType.MINIMUM);
        });
        return super.performLogin(request);
    }

    /** The stock SAML mappers (attribute importers, …) declare themselves for {@code saml}; they work here as well. */
    @Override
    public boolean isMapperSupported(IdentityProviderMapper mapper) {
        return Arrays.asList(mapper.getCompatibleProviders()).contains(SAMLIdentityProviderFactory.PROVIDER_ID)
                || super.isMapperSupported(mapper);
    }
}
