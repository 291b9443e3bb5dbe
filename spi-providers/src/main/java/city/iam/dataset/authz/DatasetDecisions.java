package city.iam.dataset.authz;

import city.iam.dataset.jpa.DatasetEntityProvider;
import city.iam.dataset.policy.AgreementSource;
import city.iam.dataset.policy.AssuranceLevels;
import city.iam.dataset.policy.Dataset;
import city.iam.dataset.policy.ConsentCheck;
import city.iam.dataset.policy.DatasetDecider;
import city.iam.dataset.policy.DatasetScope;
import city.iam.dataset.policy.Decision;
import city.iam.kernel.settings.RealmSettings;
import city.iam.kernel.time.KeycloakClock;
import org.keycloak.authorization.model.Resource;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;

/** Wires the plain decider to Keycloak: agreements from the database, consent from Keycloak's consents, the realm's acr map. */
public final class DatasetDecisions {


    private DatasetDecisions() {
    }

    public static DatasetDecider decider(KeycloakSession session, RealmModel realm) {
        return decider(session, realm, DatasetEntityProvider.of(session).agreementCache()
                .source(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realm));
    }

    public static DatasetDecider decider(KeycloakSession session, RealmModel realm, AgreementSource agreements) {
        return new DatasetDecider(agreements, consents(session, realm), assurance(session, realm));
    }

    public static Instant now() {
        return KeycloakClock.INSTANCE.instant();
    }

    /** Metadata permits are the catalogue's bulk traffic; they are kept only when the realm asks for them. */
    public static boolean audited(RealmModel realm, DatasetScope scope, Decision decision) {
        return scope == DatasetScope.DATA_READ || !decision.permit()
                || RealmSettings.of(realm).flag("datasets.audit-metadata", false);
    }

    public static AssuranceLevels assurance(KeycloakSession session, RealmModel realm) {
        return DatasetEntityProvider.of(session).ruleCache().assurance(realm);
    }

    /** The dataset's rules, parsed once per change of its attributes on this node. */
    public static Dataset rules(KeycloakSession session, Resource resource) {
        return DatasetEntityProvider.of(session).ruleCache().dataset(resource);
    }

    /** Consent is the data subject's Keycloak consent to the requesting client; a lookup failure fails closed. */
    private static ConsentCheck consents(KeycloakSession session, RealmModel realm) {
        return (subject, agreement, purpose) -> {
            ClientModel client = subject.clientId() == null ? null : realm.getClientByClientId(subject.clientId());
            if (client == null) {
                return ConsentCheck.State.MISSING;
            }
            return session.users().getConsentByClient(realm, subject.id(), client.getId()) != null
                    ? ConsentCheck.State.GRANTED : ConsentCheck.State.MISSING;
        };
    }
}
