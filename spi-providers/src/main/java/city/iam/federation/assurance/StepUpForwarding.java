package city.iam.federation.assurance;

import org.keycloak.models.Constants;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Map;
import java.util.Optional;

/**
 * Step-up through the broker (B4, keycloak#42625/#39813), the Keycloak side shared by {@code city-oidc} and
 * {@code city-saml}: before the city redirects to an IdP that has an assurance mapper, the level the client asked
 * for ({@code acr_values}/{@code claims}, which Keycloak already turned into a requested level) is translated into
 * that IdP's vocabulary ({@link StepUpRequest}). An essential request the IdP cannot reach ends here, before the
 * redirect, with a 403 error page and an event — not Keycloak's generic 502 "could not send authentication request".
 */
final class StepUpForwarding {

    /** Keycloak forwards this note as the OIDC IdP's {@code acr_values} in preference to the client's raw value. */
    static final String FORWARDED_ACR_NOTE = AuthorizationEndpoint.LOGIN_SESSION_NOTE_ADDITIONAL_REQ_PARAMS_PREFIX + "acr_values";

    private StepUpForwarding() {
    }

    /** OIDC: the translated value becomes the IdP's {@code acr_values}; an empty note suppresses the client's own. */
    static void prepare(KeycloakSession session, String idpAlias, AuthenticationSessionModel authSession) {
        if (authSession == null || assuranceMapper(session, idpAlias).isEmpty()) {
            return;
        }
        authSession.setClientNote(FORWARDED_ACR_NOTE, upstreamFor(session, idpAlias, authSession).orElse(""));
    }

    /**
     * The upstream acr to request from this IdP, empty when nothing should be requested (no assurance mapper, no
     * requested level, or a non-essential level the IdP cannot reach).
     */
    static Optional<String> upstreamFor(KeycloakSession session, String idpAlias, AuthenticationSessionModel authSession) {
        Optional<IdentityProviderMapperModel> mapper = assuranceMapper(session, idpAlias);
        if (authSession == null || mapper.isEmpty()) {
            return Optional.empty();
        }
        String requested = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        boolean essential = Boolean.parseBoolean(authSession.getClientNote(Constants.FORCE_LEVEL_OF_AUTHENTICATION));
        Map<String, Integer> acrLoa = AcrUtils.getAcrLoaMap(authSession.getClient());
        AssuranceDecision decision;
        try {
            decision = new AssuranceDecision(AssuranceConfig.table(mapper.get()), new CityLevels(acrLoa), null);
        } catch (IllegalArgumentException e) {
            if (requested != null && essential) {
                throw AssuranceRefusal.beforeRedirect(session, authSession, idpAlias, "city_acr_unconfigured",
                        "The city's assurance settings for this identity provider are incomplete; ask the administrator to fix the acr table.");
            }
            return Optional.empty(); // the mapper refuses the login afterwards, with the same reason
        }
        try {
            return StepUpRequest.upstreamFor(decision, requested, essential);
        } catch (AssuranceDecision.Refused r) {
            throw AssuranceRefusal.beforeRedirect(session, authSession, idpAlias, r.code(), r.getMessage());
        }
    }

    private static Optional<IdentityProviderMapperModel> assuranceMapper(KeycloakSession session, String idpAlias) {
        return session.identityProviders().getMappersByAliasStream(idpAlias)
                .filter(m -> AssuranceMapper.ID.equals(m.getIdentityProviderMapper())).findFirst();
    }
}
