package city.iam.lifecycle.tracker;

import city.iam.kernel.job.Batch;
import city.iam.kernel.job.Job;
import city.iam.kernel.job.RunContext;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.Event;
import org.keycloak.events.EventStoreProvider;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import jakarta.persistence.EntityManager;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Job {@value #NAME}: fills the last-authentication tables from the events Keycloak stored (realm events
 * must be saved), oldest first, so logins from before the listener was enabled count. The cursor is the
 * number of events read; events stored meanwhile sort after it and are read too.
 */
public final class LastAuthBackfill implements Job {

    public static final String NAME = "last-auth-backfill";
    static final int BATCH = 500;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Batch step(KeycloakSession session, RealmModel realm, RunContext run, String cursor) {
        int offset = cursor == null ? 0 : Integer.parseInt(cursor);
        List<Event> events = session.getProvider(EventStoreProvider.class).createQuery()
                .realm(realm.getId()).type(Authentication.TYPES.toArray(EventType[]::new))
                .orderByAscTime().firstResult(offset).maxResults(BATCH)
                .getResultStream().toList();
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Set<String> existing = existingUsers(em, realm, events);
        LastAuthStore store = new LastAuthStore(em);
        long recorded = 0;
        for (Event event : events) {
            Authentication a = Authentication.of(event);
            if (a != null && existing.contains(a.userId())) {
                store.record(a);
                recorded++;
            }
        }
        String next = String.valueOf(offset + events.size());
        return events.size() < BATCH ? Batch.last(next, events.size(), recorded) : Batch.more(next, events.size(), recorded);
    }

    /** Events outlive deleted users; only users that still exist get rows. One query per batch. */
    private static Set<String> existingUsers(EntityManager em, RealmModel realm, List<Event> events) {
        Set<String> ids = new HashSet<>();
        events.forEach(e -> {
            if (e.getUserId() != null) {
                ids.add(e.getUserId());
            }
        });
        if (ids.isEmpty()) {
            return ids;
        }
        return new HashSet<>(em.createQuery("select u.id from UserEntity u where u.realmId = :realmId and u.id in :ids", String.class)
                .setParameter("realmId", realm.getId()).setParameter("ids", ids).getResultList());
    }
}
