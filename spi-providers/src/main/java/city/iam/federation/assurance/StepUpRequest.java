package city.iam.federation.assurance;

import java.util.Optional;

/**
 * Step-up through the broker, the decision part (B4): which upstream acr to ask an IdP for when a client
 * requested a city level. The lowest upstream value whose city level reaches the request is chosen, so the
 * citizen is never asked for more than the service needs. Nothing is asked without a requested level: the city's
 * own acr names mean nothing upstream (keycloak#39813). A level the IdP's table cannot reach is only an error
 * when the client marked it essential; otherwise the login goes on and the mapped level decides afterwards.
 */
public final class StepUpRequest {

    private StepUpRequest() {
    }

    /**
     * @param requestedLevel Keycloak's requested level of authentication (a number), or null when the client asked none
     * @param essential      whether the client marked its acr request essential
     * @return the upstream acr to request, empty to request nothing
     * @throws AssuranceDecision.Refused {@code city_acr_unreachable} for an essential level the IdP cannot reach
     */
    public static Optional<String> upstreamFor(AssuranceDecision decision, String requestedLevel, boolean essential) {
        if (requestedLevel == null || requestedLevel.isBlank()) {
            return Optional.empty();
        }
        int level;
        try {
            level = Integer.parseInt(requestedLevel.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Optional<String> upstream = decision.upstreamFor(level);
        if (upstream.isEmpty() && essential) {
            throw new AssuranceDecision.Refused("city_acr_unreachable", null,
                    "The identity provider cannot provide the level of assurance this application requires.");
        }
        return upstream;
    }
}
