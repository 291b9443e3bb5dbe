package city.iam.lifecycle.attestation;

import city.iam.kernel.access.Caller;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.page.Page;
import city.iam.kernel.people.UserRef;
import city.iam.lifecycle.finding.FindingKind;
import city.iam.lifecycle.finding.FindingStore;
import city.iam.lifecycle.jpa.AttestationEntity;
import city.iam.lifecycle.jpa.ClientOwnershipEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Owner attestation of clients (LJ-36): the owner lists the clients they answer for and says, every cadence,
 * whether each is still needed. "No longer needed" disables the client at once — its service account can no
 * longer get tokens and its users can no longer sign in through it — and an admin re-enables it if that was
 * wrong; deleting is left to people, since a client's roles and mappers cannot be restored. Each attestation is
 * a row and an audit entry, and resolves the client's overdue finding without waiting for the next scan.
 */
public final class Attestations {

    public static final String KEPT = "kept";
    public static final String CLIENT_DISABLED = "client_disabled";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final ClientOwnerships ownerships;

    public Attestations(KeycloakSession session, RealmModel realm, EntityManager em) {
        this.session = session;
        this.realm = realm;
        this.em = em;
        this.ownerships = new ClientOwnerships(session, realm, em);
    }

    /** The enabled clients whose owner attribute names the caller, by client id. */
    public List<OwnedClientView> ownedBy(Caller caller, long now) {
        AttestationSchedule schedule = AttestationSettings.schedule(realm);
        Map<String, ClientOwnershipEntity> known = ownerships.all();
        return realm.getClientsStream()
                .filter(ClientModel::isEnabled)
                .filter(c -> OwnerRef.names(ClientOwnerships.owner(c), caller.id(), caller.user().getUsername()))
                .sorted(Comparator.comparing(ClientModel::getClientId))
                .map(c -> {
                    ClientOwnershipEntity o = ownerships.peek(c, known.get(c.getId()), now);
                    AttestationEntity last = o.getLastAttestationId() == null ? null : em.find(AttestationEntity.class, o.getLastAttestationId());
                    long due = schedule.dueAt(o.getLastAttestedAt(), o.getOwnerSince());
                    return new OwnedClientView(c.getClientId(), c.getName(), c.isServiceAccountsEnabled(), c.isEnabled(),
                            Instant.ofEpochMilli(o.getOwnerSince()).toString(), AttestationView.of(last), Instant.ofEpochMilli(due).toString(),
                            now > due);
                })
                .toList();
    }

    /** Records the owner's answer; 404 for an unknown client, 403 unless the caller is its owner, 409 when it is disabled. */
    public AttestationEntity attest(Caller caller, String clientId, AttestationRequest request, long now) {
        ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
        if (client == null) {
            throw CityIamException.notFound("client_not_found", "Realm " + realm.getName() + " has no client '" + clientId + "'.");
        }
        if (caller.user().getServiceAccountClientLink() != null
                || !OwnerRef.names(ClientOwnerships.owner(client), caller.id(), caller.user().getUsername())) {
            throw CityIamException.forbidden("Only the person client " + clientId + " names as its owner (" + UserRef.OWNER + ") attests it.");
        }
        AttestationRequest checked = request.checked();
        if (!client.isEnabled()) {
            throw CityIamException.conflict("client_disabled", "Client " + clientId + " is disabled: there is nothing to attest.");
        }
        AttestationSchedule schedule = AttestationSettings.schedule(realm);
        ClientOwnershipEntity o = ownerships.track(client, now);
        AttestationEntity a = new AttestationEntity();
        a.setId(UUID.randomUUID().toString());
        a.setRealmId(realm.getId());
        a.setClientUuid(client.getId());
        a.setClientId(client.getClientId());
        a.setOwnerId(caller.id());
        a.setOwnerName(caller.name());
        a.setStillNeeded(checked.stillNeeded());
        a.setComment(checked.comment());
        a.setAttestedAt(now);
        if (checked.stillNeeded()) {
            a.setOutcome(KEPT);
            a.setNextDueAt(schedule.dueAt(now, o.getOwnerSince()));
        } else {
            client.setEnabled(false);
            a.setOutcome(CLIENT_DISABLED);
        }
        em.persist(a);
        o.setLastAttestedAt(now);
        o.setLastAttestationId(a.getId());
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.of(caller), "lifecycle.client.attested", client.getId(),
                AuditRecord.facts("attestation_id", a.getId(), "client_id", client.getClientId(), "still_needed",
                        Boolean.toString(checked.stillNeeded()), "outcome", a.getOutcome(), "comment",
                        checked.comment() == null ? "" : checked.comment(), "next_due_at",
                        a.getNextDueAt() == null ? "" : Instant.ofEpochMilli(a.getNextDueAt()).toString())));
        new FindingStore(session, realm, em).resolve(FindingKind.OWNER_ATTESTATION_OVERDUE, client.getId(), now);
        return a;
    }

    /** Attestations, newest first, of one client (by client id) or of the realm. */
    public List<AttestationEntity> history(String clientId, Page page) {
        String jpql = "select a from AttestationEntity a where a.realmId = :realm" + (clientId == null ? "" : " and a.clientId = :client")
                + " order by a.attestedAt desc, a.id";
        TypedQuery<AttestationEntity> q = em.createQuery(jpql, AttestationEntity.class).setParameter("realm", realm.getId());
        if (clientId != null) {
            q.setParameter("client", clientId);
        }
        return q.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }
}
