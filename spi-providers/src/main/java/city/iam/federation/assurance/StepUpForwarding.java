package city.iam.federation.assurance;

import org.keycloak.broker.provider.IdentityBrokerException;
import org.keycloak.models.Constants;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Map;
import java.util.Optional;

/**
 * Step-up through the broker (B4, keycloak#42625/#39813): before the city redirects to an IdP that has an
 * assurance mapper, the level the client asked for ({@code acr_values}/{@code claims}, which Keycloak already
 * turned into a requested level) is translated into that IdP's vocabulary and forwarded as its
 * {@code acr_values}. Without a requested level nothing is forwarded — the city's own acr names mean nothing
 * upstream. An essential request the IdP cannot reach at all fails before the redirect.
 */
final class StepUpForwarding {

    /** Keycloak forwards this note as the IdP's {@code acr_values} in preference to the client's raw value. */
    static final String FORWARDED_ACR_NOTE = AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + "acr_values";

    private StepUpForwarding() {
    }

    static void prepare(KeycloakSession session, String idpAlias, AuthenticationSessionModel authSession) {
        if (authSession == null) {
            return;
        }
        Optional<IdentityProviderMapperModel> mapper = session.identityProviders().getMappersByAliasStream(idpAlias)
                .filter(m -> AssuranceMapper.ID.equals(m.getIdentityProviderMapper())).findFirst();
        if (mapper.isEmpty()) {
            return;
        }
        String requested = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        if (requested == null) {
            authSession.setClientNote(FORWARDED_ACR_NOTE, ""); // suppress forwarding the city's vocabulary
            return;
        }
        int level = Integer.parseInt(requested);
        Map<String, Integer> acrLoa = AcrUtils.getAcrLoaMap(authSession.getClient());
        Optional<String> upstream;
        try {
            upstream = new AssuranceDecision(AssuranceConfig.table(mapper.get()), new CityLevels(acrLoa), null).upstreamFor(level);
        } catch (IllegalArgumentException e) {
            upstream = Optional.empty();
        }
        boolean essential = Boolean.parseBoolean(authSession.getClientNote(Constants.FORCE_LEVEL_OF_AUTHENTICATION));
        if (upstream.isEmpty() && essential) {
            throw new IdentityBrokerException("identity provider " + idpAlias + " cannot reach the requested level " + level)
                    .withMessageCode("The identity provider cannot provide the level of assurance this application requires.");
        }
        authSession.setClientNote(FORWARDED_ACR_NOTE, upstream.orElse(""));
    }
}
