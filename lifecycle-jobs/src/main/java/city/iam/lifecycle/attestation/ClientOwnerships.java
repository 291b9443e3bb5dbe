package city.iam.lifecycle.attestation;

import city.iam.kernel.people.UserRef;
import city.iam.lifecycle.jpa.ClientOwnershipEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.Map;

/**
 * The cadence state of a realm's owned clients. A client gets its row the first time the scan or an attestation
 * sees it owned; Keycloak keeps no creation time for clients, so the row starts at its service account's creation
 * where it has one (the client is as old as that), else at that first sight. A new owner of a never-attested client
 * starts a new cadence: a person cannot be late for something they were given yesterday.
 */
public final class ClientOwnerships {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public ClientOwnerships(KeycloakSession session, RealmModel realm, EntityManager em) {
        this.session = session;
        this.realm = realm;
        this.em = em;
    }

    /** The realm's rows by client uuid, in one query (clients are few; the scan looks at all of them). */
    public Map<String, ClientOwnershipEntity> all() {
        Map<String, ClientOwnershipEntity> out = new HashMap<>();
        em.createQuery("select o from ClientOwnershipEntity o where o.realmId = :realm", ClientOwnershipEntity.class)
                .setParameter("realm", realm.getId()).getResultStream().forEach(o -> out.put(o.getClientUuid(), o));
        return out;
    }

    /** The client's row brought up to date with its current owner, created when missing. */
    public ClientOwnershipEntity track(ClientModel client, ClientOwnershipEntity known, long now) {
        String owner = owner(client);
        if (known == null) {
            ClientOwnershipEntity o = new ClientOwnershipEntity();
            o.setClientUuid(client.getId());
            o.setRealmId(realm.getId());
            o.setOwnerRef(owner);
            o.setOwnerSince(since(client, now));
            em.persist(o);
            return o;
        }
        if (!known.getOwnerRef().equals(owner)) {
            known.setOwnerRef(owner);
            if (known.getLastAttestedAt() == null) {
                known.setOwnerSince(now);
            }
        }
        return known;
    }

    public ClientOwnershipEntity track(ClientModel client, long now) {
        return track(client, em.find(ClientOwnershipEntity.class, client.getId()), now);
    }

    /** What the row would say, without writing it: for reads. */
    public ClientOwnershipEntity peek(ClientModel client, ClientOwnershipEntity known, long now) {
        if (known != null) {
            return known;
        }
        ClientOwnershipEntity o = new ClientOwnershipEntity();
        o.setClientUuid(client.getId());
        o.setOwnerRef(owner(client));
        o.setOwnerSince(since(client, now));
        return o;
    }

    static String owner(ClientModel client) {
        String value = client.getAttribute(UserRef.OWNER);
        return value == null ? "" : value.trim();
    }

    private long since(ClientModel client, long now) {
        if (!client.isServiceAccountsEnabled()) {
            return now;
        }
        UserModel account = session.users().getServiceAccount(client);
        Long created = account == null ? null : account.getCreatedTimestamp();
        return created == null || created > now ? now : created;
    }
}
