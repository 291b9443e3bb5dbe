package city.iam.federation.discovery;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.AuthenticationProcessor;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordForm;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.services.Urls;
import org.keycloak.services.managers.AuthenticationManager;
import org.keycloak.services.managers.ClientSessionCode;

import java.net.URI;
import java.util.Locale;
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

    @Override
    public void authenticate(AuthenticationFlowContext context) {
        String hint = context.getAuthenticationSession().getClientNote(OIDCLoginProtocol.LOGIN_HINT_PARAM);
        if (context.getUser() == null && hint != null && !hint.isBlank()) {
            Optional<IdentityProviderModel> idp = discover(context.getSession(), hint);
            if (idp.isPresent()) {
                redirect(context, idp.get(), hint);
                return;
            }
            super.authenticate(context); // username + password page, prefilled with the hint
            return;
        }
        if (context.getUser() != null) {
            super.authenticate(context);
            return;
        }
        context.challenge(context.form().createLoginUsername());
    }

    @Override
    public void action(AuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        if (form.containsKey("password") || form.containsKey("cancel")) {
            super.action(context);
            return;
        }
        String username = form.getFirst(AuthenticationManager.FORM_USERNAME);
        if (username == null || username.isBlank()) {
            context.challenge(context.form().setError("invalidUsernameMessage").createLoginUsername());
            return;
        }
        username = username.trim();
        Optional<IdentityProviderModel> idp = discover(context.getSession(), username);
        if (idp.isPresent()) {
            redirect(context, idp.get(), username);
            return;
        }
        MultivaluedMap<String, String> prefill = new MultivaluedHashMap<>();
        prefill.add(AuthenticationManager.FORM_USERNAME, username);
        context.challenge(challenge(context, prefill));
    }

    /** The IdP of the organisation owning the address's domain: the org's IdP for that domain, else its first. */
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
        OrganizationModel org = orgs.getByDomainName(domain);
        if (org == null || !org.isEnabled()) {
            return Optional.empty();
        }
        IdentityProviderModel first = null;
        for (IdentityProviderModel idp : org.getIdentityProviders().filter(IdentityProviderModel::isEnabled).toList()) {
            String idpDomain = idp.getConfig().get(OrganizationModel.ORGANIZATION_DOMAIN_ATTRIBUTE);
            if (idpDomain != null && domain.equals(idpDomain.toLowerCase(Locale.ROOT))) {
                return Optional.of(idp);
            }
            first = first == null ? idp : first;
        }
        return Optional.ofNullable(first);
    }

    private static void redirect(AuthenticationFlowContext context, IdentityProviderModel idp, String loginHint) {
        String accessCode = new ClientSessionCode<>(context.getSession(), context.getRealm(), context.getAuthenticationSession()).getOrGenerateCode();
        URI location = Urls.identityProviderAuthnRequest(context.getUriInfo().getBaseUri(), idp.getAlias(), context.getRealm().getName(),
                accessCode, context.getAuthenticationSession().getClient().getClientId(), context.getAuthenticationSession().getTabId(),
                AuthenticationProcessor.getClientData(context.getSession(), context.getAuthenticationSession()), loginHint);
        context.forceChallenge(Response.seeOther(location).build());
    }
}
