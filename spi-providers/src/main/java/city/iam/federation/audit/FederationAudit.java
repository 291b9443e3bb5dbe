package city.iam.federation.audit;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Writes one audit-chain entry per brokered login (B9), in the login's transaction. The actor is the person
 * as the IdP named them ({@code alias:subject}); tokens and attributes never go into the payload.
 *
 * <p>The append is enlisted in the transaction's prepare phase, i.e. it runs just before the login commits and
 * still inside it (the entry stands or falls with the login). Appending locks the realm's chain head until
 * commit; taken where the mapper runs, early in the broker callback, that lock was held through the rest of the
 * login (user update, session, flow) and queued every concurrent brokered login of the realm behind it.
 */
public final class FederationAudit {

    public static final String ACCEPTED = "federation.login.accepted";
    public static final String REFUSED = "federation.login.refused";

    private FederationAudit() {
    }

    public static void record(KeycloakSession session, RealmModel realm, String userId, BrokeredLogin login) {
        ObjectNode facts = AuditRecord.facts("identity_provider", login.identityProvider(),
                "upstream_subject", login.upstreamSubject(), "linking", login.linking());
        putIfPresent(facts, "organization", login.organization());
        putIfPresent(facts, "upstream_acr", login.upstreamAcr());
        putIfPresent(facts, "city_acr", login.cityAcr());
        putIfPresent(facts, "refusal", login.refusal());
        if (login.level() != null) {
            facts.put("level", login.level());
        }
        String subject = login.identityProvider() + ":" + login.upstreamSubject();
        Actor actor = new Actor(Actor.USER, userId != null ? userId : subject, login.username(), login.cityAcr());
        AuditRecord record = new AuditRecord(actor, login.refusal() == null ? ACCEPTED : REFUSED, subject, facts);
        session.getTransactionManager().enlistPrepare(new AbstractKeycloakTransaction() {
            @Override
            protected void commitImpl() {
                AuditLogs.of(session, realm).append(record);
            }

            @Override
            protected void rollbackImpl() {
                // nothing written yet
            }
        });
    }

    private static void putIfPresent(ObjectNode facts, String name, String value) {
        if (value != null) {
            facts.put(name, value);
        }
    }
}
