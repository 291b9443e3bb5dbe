package city.iam.federation.assurance;

import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.saml.SAMLEndpoint;
import org.keycloak.dom.saml.v2.assertion.AssertionType;
import org.keycloak.dom.saml.v2.assertion.AuthnContextType;
import org.keycloak.dom.saml.v2.assertion.AuthnStatementType;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;

import java.util.Optional;

/**
 * The acr the upstream IdP asserted for this login: the ID token's {@code acr} claim (OIDC brokers) or the
 * assertion's {@code AuthnContextClassRef} (SAML brokers). Only what the broker already validated is read.
 */
final class UpstreamAcr {

    private UpstreamAcr() {
    }

    static Optional<String> of(BrokeredIdentityContext context) {
        Object idToken = context.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
        if (idToken instanceof IDToken token) {
            return Optional.ofNullable(token.getAcr());
        }
        if (idToken instanceof JsonWebToken token && token.getOtherClaims().get("acr") instanceof String acr) {
            return Optional.of(acr);
        }
        Object assertion = context.getContextData().get(SAMLEndpoint.SAML_ASSERTION);
        if (assertion instanceof AssertionType saml) {
            return saml.getStatements().stream()
                    .filter(AuthnStatementType.class::isInstance)
                    .map(s -> ((AuthnStatementType) s).getAuthnContext())
                    .map(UpstreamAcr::classRef)
                    .flatMap(Optional::stream)
                    .findFirst();
        }
        return Optional.empty();
    }

    private static Optional<String> classRef(AuthnContextType context) {
        if (context == null || context.getSequence() == null || context.getSequence().getClassRef() == null
                || context.getSequence().getClassRef().getValue() == null) {
            return Optional.empty();
        }
        return Optional.of(context.getSequence().getClassRef().getValue().toString());
    }
}
