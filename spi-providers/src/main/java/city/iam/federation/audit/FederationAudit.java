package city.iam.federation.audit;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/**
 * Writes one audit-chain entry per brokered login (B9), in the login's transaction. The actor is the person
 * as the IdP named them ({@code alias:subject}); tokens and attributes never go into the payload.
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
        AuditLogs.of(session, realm).append(new AuditRecord(actor, login.refusal() == null ? ACCEPTED : REFUSED, subject, facts));
    }

    private static void putIfPresent(ObjectNode facts, String name, String value) {
        if (value != null) {
            facts.put(name, value);
        }
    }
}
