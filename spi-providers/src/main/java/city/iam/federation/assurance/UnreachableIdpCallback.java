package city.iam.federation.assurance;

import jakarta.ws.rs.core.Response;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider;
import org.keycloak.broker.provider.UserAuthenticationIdentityProvider.AuthenticationCallback;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.services.messages.Messages;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The broker callback of a {@code city-oidc} IdP, except that "the IdP failed us" gets a page the person can act
 * on instead of Keycloak's generic "Unexpected error when authenticating with identity provider". Keycloak
 * answers that generic message when the IdP's token endpoint is unreachable, times out or answers an error, and
 * when the IdP redirects back with {@code temporarily_unavailable}: the cases where the IdP is down after the
 * person was sent there. The city cannot see an IdP that is down before the redirect without probing it on the
 * login path (docs/federation.md), so this is the fallback: a clear page, the login's event as before.
 */
final class UnreachableIdpCallback implements AuthenticationCallback {

    /** No apostrophes: the login theme formats the message with {@link java.text.MessageFormat}. */
    static final String MESSAGE = "Your organisation sign-in service is not answering right now, so the city could not complete"
            + " your sign-in. Nothing was changed. Please try again in a few minutes; if it keeps failing, contact your"
            + " organisation IT support or the city service desk.";

    private final AuthenticationCallback delegate;

    UnreachableIdpCallback(AuthenticationCallback delegate) {
        this.delegate = delegate;
    }

    @Override
    public Response error(IdentityProviderModel idp, String message) {
        return delegate.error(idp, Messages.IDENTITY_PROVIDER_UNEXPECTED_ERROR.equals(message) ? MESSAGE : message);
    }

    @Override
    public AuthenticationSessionModel getAndVerifyAuthenticationSession(String encodedCode) {
        return delegate.getAndVerifyAuthenticationSession(encodedCode);
    }

    @Override
    public Response authenticated(BrokeredIdentityContext context) {
        return delegate.authenticated(context);
    }

    @Override
    public Response cancelled(IdentityProviderModel idp) {
        return delegate.cancelled(idp);
    }

    @Override
    public Response retryLogin(UserAuthenticationIdentityProvider<?> provider, AuthenticationSessionModel authSession) {
        return delegate.retryLogin(provider, authSession);
    }
}
