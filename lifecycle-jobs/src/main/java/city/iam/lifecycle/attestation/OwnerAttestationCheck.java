package city.iam.lifecycle.attestation;

import city.iam.lifecycle.finding.FindingKind;
import city.iam.lifecycle.finding.Observation;
import city.iam.lifecycle.jpa.ClientOwnershipEntity;
import org.keycloak.models.ClientModel;

import java.util.List;
import java.util.Map;

/**
 * The hygiene scan's look at owner attestations: every enabled client that names an owner is tracked, and one whose
 * attestation is overdue is an observation of {@link FindingKind#OWNER_ATTESTATION_OVERDUE}. A client without an
 * owner is the finding {@code service_account_without_owner} instead: nobody could attest it.
 */
public final class OwnerAttestationCheck {

    private final ClientOwnerships ownerships;
    private final AttestationSchedule schedule;
    private final long now;

    public OwnerAttestationCheck(ClientOwnerships ownerships, AttestationSchedule schedule, long now) {
        this.ownerships = ownerships;
        this.schedule = schedule;
        this.now = now;
    }

    public void check(List<ClientModel> clients, List<Observation> seen) {
        Map<String, ClientOwnershipEntity> known = ownerships.all();
        for (ClientModel client : clients) {
            String owner = ClientOwnerships.owner(client);
            if (!client.isEnabled() || owner.isEmpty()) {
                continue;
            }
            ClientOwnershipEntity o = ownerships.track(client, known.get(client.getId()), now);
            if (schedule.overdue(o.getLastAttestedAt(), o.getOwnerSince(), now)) {
                seen.add(new Observation(FindingKind.OWNER_ATTESTATION_OVERDUE, client.getId(), client.getClientId(),
                        schedule.overdueDetail(o.getLastAttestedAt(), o.getOwnerSince(), owner)));
            }
        }
    }
}
