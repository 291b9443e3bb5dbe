package city.iam.federation.discovery;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.ClientSessionCode;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.net.URI;
import java.util.Optional;

/**
 * Enumeration-neutral home-realm discovery (B2) on an identity-first login: the user gives an email; if its
 * domain belongs to an enabled organisation with an enabled IdP, the browser goes to that IdP — whether or not a
 * local account exists; otherwise the username + password page follows — whether or not the account exists, and
 * the password check answers the same error for an unknown user and a wrong password. The account is never
 * looked up before the password is checked, and no IdP of any organisation is named on the pages (keep org
 * IdPs hidden on the login page). {@code login_hint} skips the first page.
 */
public class HomeRealmDiscoveryForm extends UsernamePasswordForm {

    public HomeRealmDiscoveryForm(KeycloakSession session) {
        super(session);
    }

    /** Message key of the fallback page (login theme {@code city}, en/fr/fi). */
    static final String IDP_UNAVAILABLE = "cityIdpUnavailable";

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        context.form().setAttribute(EidButtons.ATTRIBUTE, EidButtons.of(context.getSession()));
        if (context.getUser() != null) {
            stepUp(context);
            return;
        }
        String hint = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        if (hint != null && !hint.isBlank()) {
            Optional<IdentityProviderModel> idp = discover(context.getSession(), hint);
            if (idp.isPresent()) {
                redirectOrFallBack(context, idp.get(), hint.trim());
                return;
            }
            super.authenticate(context); // username + password page, prefilled with the hint
            return;
        }
        context.challenge(context.form().createLoginUsername());
    }

    /**
     * Someone signed in already reaches this form when the client asked for more than their session has (the cookie
     * step "attempted" with the user set). The page says why; people of an organisation get one button back to
     * their IdP (the city-oidc broker forwards the level), everyone else the password page for their account.
     */
    private void stepUp(AuthenticationFlowContext context) {
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        AcrStore acr = new AcrStore(context.getSession(), authSession);
        int previous = acr.getHighestAuthenticatedLevelFromPreviousAuthentication(context.getTopLevelFlow().getId());
        StepUpNotice.of(AcrUtils.getAcrLoaMap(authSession.getClient()), acr.getRequestedLevelOfAuthentication(context.getTopLevelFlow()),
                        previous > 0 ? previous : sessionLevel(context))
                .ifPresent(n -> context.form().setInfo(n.messageKey(), n.arguments()));
        String email = context.getUser().getEmail();
        if (email != null && discover(context.getSession(), email).isPresent()) {
            context.challenge(context.form().setAttribute(LoginFormsProvider.USERNAME_HIDDEN, true)
                    .setAttribute(LoginFormsProvider.REGISTRATION_DISABLED, true).createLoginUsername());
            return;
        }
        super.authenticate(context);
    }

    /**
     * The level the session's tokens carry. Keycloak records per-flow levels only for logins through its LoA
     * conditions; a brokered login's level (set by the assurance mapper) lives on the client sessions.
     */
    private static int sessionLevel(AuthenticationFlowContext context) {
        AuthenticationManager.AuthResult cookie = AuthenticationManager.authenticateIdentityCookie(context.getSession(), context.getRealm(), true);
        if (cookie == null) {
            return -1;
        }
        return cookie.session().getAuthenticatedClientSessions().values().stream().mapToInt(AcrStore::getCurrentLevelOfAuthentication).max().orElse(-1);
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        context.form().setAttribute(EidButtons.ATTRIBUTE, EidButtons.of(context.getSession()));
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("password") || form.containsKey("cancel")) {
            super.action(context);
            return;
        }
        // On the step-up page the account is known and nothing is typed: its own address picks the IdP.
        String username = context.getUser() != null ? context.getUser().getEmail() : form.getFirst(AuthenticationManager.FORM_USERNAME);
        if (username == null || username.isBlank()) {
            context.challenge(context.form().setError("invalidUsernameMessage").createLoginUsername());
            return;
        }
        username = username.trim();
        Optional<IdentityProviderModel> idp = discover(context.getSession(), username);
        if (idp.isPresent()) {
            redirectOrFallBack(context, idp.get(), username);
            return;
        }
        context.challenge(challenge(context, prefilled(username)));
    }

    /**
     * Sends the person to their IdP, unless its back channel is down: then the password page (a city account still
     * works) says their organisation's sign-in cannot be reached now, naming no IdP.
     */
    private void redirectOrFallBack(AuthenticationFlowContext context, IdentityProviderModel idp, String username) {
        if (IdpReachability.reachable(idp)) {
            redirect(context, idp, username);
            return;
        }
        context.form().setError(IDP_UNAVAILABLE);
        context.challenge(challenge(context, prefilled(username)));
    }

    private static MultivaluedMap<String, String> prefilled(String username) {
        MultivaluedMap<String, String> prefill = new MultivaluedHashMap<>();
        prefill.add(AuthenticationManager.FORM_USERNAME, username);
        return prefill;
    }

    /**
     * The IdP of the organisation owning the address's domain. Keycloak 26.7 resolves wildcard organisation
     * domains itself ({@code getByDomainName}: the exact domain, then {@code *.parent} candidates, most specific
     * first) with indexed queries behind its cluster-invalidated organisation cache, so nothing is cached here:
     * see docs/federation.md for why a node-local {@link DomainIndex} of all organisations is not worth its
     * invalidation problem. Disabled organisations and organisations whose IdPs are all disabled discover nothing.
     */
    static Optional<IdentityProviderModel> discover(KeycloakSession session, String emailOrUsername) {
        int at = emailOrUsername.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        String domain = DomainIndex.normalise(emailOrUsername.substring(at + 1));
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        if (domain == null || orgs == null || !orgs.isEnabled()) {
            return Optional.empty();
        }
        OrganizationModel org;
        try {
            org = orgs.getByDomainName(domain);
        } catch (RuntimeException e) {
            return Optional.empty(); // a domain Keycloak's validation refuses is simply not an organisation's
        }
        if (org == null || !org.isEnabled()) {
            return Optional.empty();
        }
        return IdpChoice.choose(domain, org.getIdentityProviders().toList());
    }

    private static void redirect(AuthenticationFlowContext context, IdentityProviderModel idp, String loginHint) {
        String accessCode = new ClientSessionCode<>(context.getSession(), context.getRealm(), context.getAuthenticationSession()).getOrGenerateCode();
        URI location = Urls.identityProviderAuthnRequest(context.getUriInfo().getBaseUri(), idp.getAlias(), context.getRealm().getName(),
                accessCode, context.getAuthenticationSession().getClient().getClientId(), context.getAuthenticationSession().getTabId(),
                AuthenticationProcessor.getClientData(context.getSession(), context.getAuthenticationSession()), loginHint);
        context.forceChallenge(Response.seeOther(location).build());
    }
}
