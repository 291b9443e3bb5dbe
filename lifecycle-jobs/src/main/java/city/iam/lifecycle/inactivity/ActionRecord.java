package city.iam.lifecycle.inactivity;

import city.iam.kernel.access.CityIamClient;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.id.TimeOrderedIds;
import city.iam.kernel.job.RunContext;
import city.iam.kernel.json.Json;
import city.iam.lifecycle.jpa.NoticeEntity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Records one action of the sweep three ways, in the batch's transaction: a notice row (the tombstone that
 * outlives the user), an audit-chain entry by the system actor {@value #ACTOR}, and a Keycloak admin event
 * (resource type {@code CITYIAM_LIFECYCLE_USER}, authenticated as the {@code city-iam} client) for an action that
 * changed the account, when the realm stores admin events. A DISABLE stage reached by an account already disabled is recorded as
 * {@code lifecycle.inactivity.already-disabled}, since the sweep did nothing to it.
 */
final class ActionRecord {

    static final String ACTOR = "lifecycle-inactivity";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final RunContext run;
    private String clientUuid;

    ActionRecord(KeycloakSession session, RealmModel realm, EntityManager em, RunContext run) {
        this.session = session;
        this.realm = realm;
        this.em = em;
        this.run = run;
    }

    void record(String userId, String name, Plan plan, InactivityPolicy policy, long now, UserActions.Mailed mailed) {
        String emailStatus = mailed == null ? null : mailed.user();
        String managerStatus = mailed == null ? null : mailed.manager();
        String action = plan.action().name();
        // A removed account's tombstone keeps its id, reason and policy version, not its name.
        boolean removed = plan.action() == Plan.Action.DELETE || plan.action() == Plan.Action.ANONYMISE;
        String username = removed ? null : name;
        long idleDays = Duration.ofMillis(plan.idleMillis()).toDays();
        NoticeEntity n = new NoticeEntity();
        n.setId(TimeOrderedIds.next());
        n.setRealmId(realm.getId());
        n.setUserId(userId);
        n.setUsername(username);
        n.setAction(action);
        n.setCreatedAt(now);
        n.setReferenceAt(plan.referenceAt());
        n.setIdleDays(idleDays);
        n.setPolicyVersion(policy.version());
        n.setRunId(run.runId());
        n.setEmailStatus(emailStatus);
        n.setManagerEmailStatus(managerStatus);
        em.persist(n);

        ObjectNode facts = AuditRecord.facts("idle_since", Instant.ofEpochMilli(plan.referenceAt()).toString(),
                "run_id", run.runId(), "stage", plan.stage().name());
        if (username != null) {
            facts.put("username", username);
        }
        facts.put("idle_days", idleDays);
        facts.put("policy_version", policy.version());
        if (emailStatus != null) {
            facts.put("email", emailStatus);
        }
        if (managerStatus != null) {
            facts.put("manager_email", managerStatus);
        }
        // Never a second disable on record: a user someone else disabled (a Keycloak workflow, say) is noted as such.
        String verb = mailed != null && mailed.alreadyDisabled() ? "already-disabled" : action.toLowerCase(Locale.ROOT);
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.system(ACTOR), "lifecycle.inactivity." + verb, userId, facts));
        if (changesAccount(plan.action()) && (mailed == null || !mailed.alreadyDisabled())) {
            adminEvent(userId, plan.action(), facts, now);
        }
    }

    /**
     * Admin events record changes to Keycloak's accounts; a warning or a reset changes none (its notice row and
     * audit entry are the record), and in a sweep that warns a whole realm that event was a fifth of the writes.
     */
    private static boolean changesAccount(Plan.Action action) {
        return action == Plan.Action.DISABLE || action == Plan.Action.ANONYMISE || action == Plan.Action.DELETE;
    }

    /** The {@code city-iam} client's id, looked up once per batch rather than once per action. */
    private String clientUuid() {
        if (clientUuid == null) {
            ClientModel client = realm.getClientByClientId(CityIamClient.CLIENT_ID);
            clientUuid = client == null ? "" : client.getId();
        }
        return clientUuid.isEmpty() ? null : clientUuid;
    }

    private void adminEvent(String userId, Plan.Action action, ObjectNode facts, long now) {
        if (!realm.isAdminEventsEnabled()) {
            return;
        }
        AuthDetails auth = new AuthDetails();
        auth.setRealmId(realm.getId());
        auth.setRealmName(realm.getName());
        auth.setClientId(clientUuid());
        auth.setIpAddress("127.0.0.1");
        AdminEvent event = new AdminEvent();
        event.setId(TimeOrderedIds.next());
        event.setTime(now);
        event.setRealmId(realm.getId());
        event.setRealmName(realm.getName());
        event.setAuthDetails(auth);
        event.setOperationType(action == Plan.Action.DELETE ? OperationType.DELETE : OperationType.UPDATE);
        event.setResourceTypeAsString("CITYIAM_LIFECYCLE_USER");
        event.setResourcePath("users/" + userId);
        if (realm.isAdminEventsDetailsEnabled()) {
            ObjectNode representation = facts.deepCopy();
            representation.put("action", action.name());
            event.setRepresentation(Json.write(representation));
        }
        session.getProvider(EventStoreProvider.class).onEvent(event, realm.isAdminEventsDetailsEnabled());
    }
}
