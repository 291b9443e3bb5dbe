package city.iam.lifecycle.tracker;

import city.iam.lifecycle.jpa.ClientAuthEntity;
import city.iam.lifecycle.jpa.UserAuthEntity;
import city.iam.kernel.page.Page;
import jakarta.persistence.EntityManager;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last-authentication tables, in the caller's transaction. Writes only move a timestamp forward, so the
 * listener, the backfill and several nodes can all record the same login in any order.
 */
public final class LastAuthStore {

    private final EntityManager em;

    public LastAuthStore(EntityManager em) {
        this.em = em;
    }

    public void record(Authentication a) {
        int updated = em.createQuery("update UserAuthEntity u set u.lastAuthAt = :at, u.eventType = :type, u.clientId = :client,"
                        + " u.identityProvider = :idp where u.userId = :user and u.lastAuthAt < :at")
                .setParameter("at", a.at()).setParameter("type", a.type()).setParameter("client", a.clientId())
                .setParameter("idp", a.identityProvider()).setParameter("user", a.userId()).executeUpdate();
        if (updated == 0 && em.find(UserAuthEntity.class, a.userId()) == null) {
            UserAuthEntity u = new UserAuthEntity();
            u.setUserId(a.userId());
            u.setRealmId(a.realmId());
            u.setLastAuthAt(a.at());
            u.setEventType(a.type());
            u.setClientId(a.clientId());
            u.setIdentityProvider(a.identityProvider());
            em.persist(u);
        }
        if (a.clientId() == null) {
            return;
        }
        String id = ClientAuthEntity.key(a.userId(), a.clientId());
        updated = em.createQuery("update ClientAuthEntity c set c.lastAuthAt = :at, c.eventType = :type where c.id = :id and c.lastAuthAt < :at")
                .setParameter("at", a.at()).setParameter("type", a.type()).setParameter("id", id).executeUpdate();
        if (updated == 0 && em.find(ClientAuthEntity.class, id) == null) {
            ClientAuthEntity c = new ClientAuthEntity();
            c.setId(id);
            c.setRealmId(a.realmId());
            c.setUserId(a.userId());
            c.setClientId(a.clientId());
            c.setLastAuthAt(a.at());
            c.setEventType(a.type());
            em.persist(c);
        }
        em.flush();
    }

    public Optional<UserAuthEntity> user(String userId) {
        return Optional.ofNullable(em.find(UserAuthEntity.class, userId));
    }

    /** Last authentication times of several users in one query (users who never authenticated are absent). */
    public Map<String, Long> lastAuthAt(Collection<String> userIds) {
        Map<String, Long> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        for (Object[] r : em.createQuery("select a.userId, a.lastAuthAt from UserAuthEntity a where a.userId in :ids", Object[].class)
                .setParameter("ids", userIds).getResultList()) {
            out.put((String) r[0], (Long) r[1]);
        }
        return out;
    }

    public List<ClientAuthEntity> clients(String userId, Page page) {
        return em.createQuery("select c from ClientAuthEntity c where c.userId = :user order by c.lastAuthAt desc, c.clientId", ClientAuthEntity.class)
                .setParameter("user", userId).setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

}
