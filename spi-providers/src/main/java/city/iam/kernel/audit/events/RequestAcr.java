package city.iam.kernel.audit.events;

import org.keycloak.jose.jws.JWSInput;
import org.keycloak.models.KeycloakSession;
import org.keycloak.representations.AccessToken;
import org.keycloak.services.managers.AppAuthManager;

import jakarta.ws.rs.core.HttpHeaders;

/**
 * The acr of the token behind the current admin request. Keycloak's admin root has already verified that
 * token in this request before any admin event is sent, so reading its claims here adds no trust decision.
 */
final class RequestAcr {

    private RequestAcr() {
    }

    static String of(KeycloakSession session) {
        try {
            HttpHeaders headers = session.getContext().getRequestHeaders();
            String token = headers == null ? null : AppAuthManager.extractAuthorizationHeaderToken(headers);
            return token == null ? null : new JWSInput(token).readJsonContent(AccessToken.class).getAcr();
        } catch (Exception e) {
            return null;
        }
    }
}
