package city.iam.federation.assurance;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.ErrorPage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Ends a brokered login the assurance mapper refused: an {@code IDENTITY_PROVIDER_LOGIN_ERROR} event naming
 * the reason and the upstream acr, and the login error page with a sentence the user can act on. Thrown as a
 * {@link WebApplicationException} because the broker endpoints answer those as they are (no 502 wrapping).
 */
final class AssuranceRefusal {

    private AssuranceRefusal() {
    }

    static WebApplicationException of(KeycloakSession session, RealmModel realm, BrokeredIdentityContext context,
                                      String code, String upstreamAcr, String description) {
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.IDENTITY_PROVIDER_LOGIN_ERROR)
                .detail(Details.IDENTITY_PROVIDER, context.getIdpConfig().getAlias())
                .detail(Details.IDENTITY_PROVIDER_USERNAME, context.getUsername())
                .detail("upstream_acr", upstreamAcr == null ? "(none)" : upstreamAcr);
        if (context.getAuthenticationSession() != null) {
            event.client(context.getAuthenticationSession().getClient());
        }
        event.error(code);
        Response page = ErrorPage.error(session, context.getAuthenticationSession(), Response.Status.FORBIDDEN, description);
        return new WebApplicationException(page);
    }

    /**
     * A step-up request refused before the redirect (the IdP cannot reach an essential level). Keycloak's broker
     * endpoint answers a {@link WebApplicationException} as it is, so the user sees our 403 page.
     */
    static WebApplicationException beforeRedirect(KeycloakSession session, AuthenticationSessionModel authSession, String idpAlias,
                                                  String code, String description) {
        RealmModel realm = session.getContext().getRealm();
        EventBuilder event = new EventBuilder(realm, session, session.getContext().getConnection())
                .event(EventType.IDENTITY_PROVIDER_LOGIN_ERROR)
                .detail(Details.IDENTITY_PROVIDER, idpAlias)
                .detail("requested_level", String.valueOf(authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION)));
        event.client(authSession.getClient());
        event.error(code);
        return new WebApplicationException(ErrorPage.error(session, authSession, Response.Status.FORBIDDEN, description));
    }
}
