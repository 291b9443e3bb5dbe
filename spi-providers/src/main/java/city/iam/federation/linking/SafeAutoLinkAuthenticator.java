package city.iam.federation.linking;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.authentication.authenticators.broker.AbstractIdpAuthenticator;
import org.keycloak.authentication.authenticators.broker.util.SerializedBrokeredIdentityContext;
import org.keycloak.broker.oidc.OIDCIdentityProvider;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.IDToken;
import org.keycloak.representations.JsonWebToken;

/**
 * Drop-in for "Automatically set existing user" in the first-broker-login flow: links the brokered identity to
 * the duplicate local account only when {@link LinkDecision} allows it; otherwise answers "attempted" so the flow
 * continues to Keycloak's confirmation steps. Each decision goes to the audit chain.
 */
public class SafeAutoLinkAuthenticator extends AbstractIdpAuthenticator {

    @Override
    protected void authenticateImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                                    BrokeredIdentityContext brokerContext) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        if (context.getAuthenticationSession().getAuthNote(EXISTING_USER_INFO) == null) {
            context.attempted();
            return;
        }
        UserModel existing = getExistingUser(session, realm, context.getAuthenticationSession());
        LinkDecision.Outcome outcome = LinkDecision.decide(brokerContext.getIdpConfig().isTrustEmail(),
                upstreamEmailVerified(brokerContext), brokerContext.getEmail(), existing.isEmailVerified(), existing.getEmail());
        ObjectNode facts = AuditRecord.facts("identity_provider", brokerContext.getIdpConfig().getAlias(),
                "upstream_subject", brokerContext.getId(), "decision", outcome.code());
        AuditLogs.of(session, realm).append(new AuditRecord(new Actor(Actor.USER, existing.getId(), existing.getUsername(), null),
                outcome == LinkDecision.Outcome.LINK ? "federation.link.auto" : "federation.link.confirmation_required",
                brokerContext.getIdpConfig().getAlias() + ":" + brokerContext.getId(), facts));
        if (outcome == LinkDecision.Outcome.LINK) {
            context.setUser(existing);
            context.success();
        } else {
            context.attempted();
        }
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

    @Override
    protected void actionImpl(AuthenticationFlowContext context, SerializedBrokeredIdentityContext serializedCtx,
                              BrokeredIdentityContext brokerContext) {
    }

    @Override
    public boolean requiresUser() {
        return false;
    }

    @Override
    public boolean configuredFor(KeycloakSession session, RealmModel realm, UserModel user) {
        return true;
    }
}
