package city.iam.federation.membership;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.AbstractIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationDomainModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.Set;
import java.util.stream.Collectors;

/**
 * First-broker-login step that replaces Keycloak's "Organization Member Onboard": the user joins the organisation
 * the IdP is linked to only if {@link MembershipGate} agrees. Never blocks the login; the decision (added or why
 * not) is written to the audit chain either way.
 */
public class DomainGatedMemberAuthenticator extends AbstractIdpAuthenticator {

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                    BrokeredIdentityContext brokerContext) {
        KeycloakSession session = context.getSession();
        String orgId = brokerContext.getIdpConfig().getOrganizationId();
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        OrganizationModel org = orgId == null || orgs == null ? null : orgs.getById(orgId);
        UserModel user = context.getUser();
        if (org == null || !org.isEnabled() || user == null) {
            context.success();
            return;
        }
        Set<String> domains = org.getDomains().map(OrganizationDomainModel::getName).collect(Collectors.toSet());
        MembershipGate.Decision decision = MembershipGate.decide(user.getEmail(), emailVerified(context, brokerContext, user), domains);
        boolean added = false;
        if (decision == MembershipGate.Decision.ADD && !orgs.isMember(org, user)) {
            added = orgs.addManagedMember(org, user);
        }
        audit(session, context.getRealm(), user, org, brokerContext, decision, added);
        context.success();
    }

    /**
     * Keycloak marks a trusted IdP's email verified only after this flow ends (afterFirstBrokerLogin), so the same
     * rule is applied here: verified locally, or the IdP is trusted for email, the user did not change the address
     * on the review-profile page, and the IdP did not itself say the address is unverified.
     */
    private static boolean emailVerified(AuthenticationFlowContext context, BrokeredIdentityContext broker, UserModel user) {
        if (user.isEmailVerified()) {
            return true;
        }
        boolean changed = Boolean.parseBoolean(context.getAuthenticationSession().getAuthNote(AbstractIdentityProvider.UPDATE_PROFILE_EMAIL_CHANGED));
        return broker.getIdpConfig().isTrustEmail() && !changed && user.getEmail() != null
                && user.getEmail().equalsIgnoreCase(broker.getEmail() == null ? "" : broker.getEmail())
                && !Boolean.FALSE.equals(upstreamEmailVerified(broker));
    }

    private static Boolean upstreamEmailVerified(BrokeredIdentityContext broker) {
        Object token = broker.getContextData().get(OIDCIdentityProvider.VALIDATED_ID_TOKEN);
        if (token instanceof IDToken id) {
            return id.getEmailVerified();
        }
        if (token instanceof JsonWebToken jwt && jwt.getOtherClaims().get("email_verified") instanceof Boolean b) {
            return b;
        }
        return null;
    }

    private static void audit(KeycloakSession session, RealmModel realm, UserModel user, OrganizationModel org,
                              BrokeredIdentityContext broker, MembershipGate.Decision decision, boolean added) {
        ObjectNode facts = AuditRecord.facts("organization", org.getAlias(), "identity_provider", broker.getIdpConfig().getAlias(),
                "decision", decision.code());
        facts.put("added", added);
        String action = decision == MembershipGate.Decision.ADD ? "federation.org.member.added" : "federation.org.member.skipped";
        AuditLogs.of(session, realm).append(new AuditRecord(new Actor(Actor.USER, user.getId(), user.getUsername(), null),
                action, org.getAlias(), facts));
    }

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                              BrokeredIdentityContext brokerContext) {
    }

    @Override
    public boolean requiresUser() {
        return true;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
