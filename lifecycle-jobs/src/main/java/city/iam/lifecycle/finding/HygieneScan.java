package city.iam.lifecycle.finding;

import city.iam.kernel.job.Batch;
import city.iam.kernel.job.Job;
import city.iam.kernel.job.RunContext;
import city.iam.kernel.time.KeycloakClock;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.List;

/**
 * Job {@value #NAME}: clients and the bootstrap admin in the first step, then the realm's users {@value #BATCH}
 * per transaction in username order (keyset paging, as the inactivity sweep), then resolves what the run no
 * longer saw. The cursor is {@code clients} before the first step and {@code u:<last username>} after, so a
 * run resumed after a crash goes on from the last committed batch. Daily (or every
 * {@code city-iam.lifecycle.hygiene-interval}) where {@code city-iam.lifecycle.hygiene-scan=true}; run-now anywhere.
 */
public final class HygieneScan implements Job {

    public static final String NAME = "hygiene";
    static final int BATCH = 500;
    private static final String USERS = "u:";

    /** Which roles and groups are privileged, worked out once per run rather than for every batch of users. */
    private record RunAccess(String runId, PrivilegedAccess access) {
    }

    private volatile RunAccess lastRun;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofDays(1);
    }

    @Override
    public Duration interval(KeycloakSession session, RealmModel realm) {
        return HygieneThresholds.interval(realm);
    }

    @Override
    public boolean scheduledIn(KeycloakSession session, RealmModel realm) {
        return HygieneThresholds.scheduled(realm);
    }

    @Override
    public Batch step(KeycloakSession session, RealmModel realm, RunContext run, String cursor) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        HygieneThresholds limits = HygieneThresholds.of(realm);
        long now = KeycloakClock.INSTANCE.millis();
        FindingStore store = new FindingStore(session, realm, em);
        if (cursor == null) {
            List<Observation> seen = new ClientChecks(session, realm, em, limits, now).run();
            return Batch.more(USERS, seen.size(), store.observe(seen, run.runId(), now));
        }
        String after = cursor.substring(USERS.length());
        List<UserChecks.UserRow> users = users(em, realm.getId(), after);
        long opened = 0;
        if (!users.isEmpty()) {
            List<Observation> seen = new UserChecks(em, realm, limits, privileged(session, realm, run), now).run(users);
            opened = store.observe(seen, run.runId(), now);
        }
        if (users.size() < BATCH) {
            long resolved = store.resolveUnseen(run.runId(), now);
            return Batch.last(USERS + lastName(users, after), users.size(), opened + resolved);
        }
        return Batch.more(USERS + lastName(users, after), users.size(), opened);
    }

    private PrivilegedAccess privileged(KeycloakSession session, RealmModel realm, RunContext run) {
        RunAccess cached = lastRun;
        if (cached == null || !cached.runId().equals(run.runId())) {
            // Runs of other realms may replace it meanwhile; then this run works it out again, still correct.
            cached = new RunAccess(run.runId(), PrivilegedAccess.of(session, realm));
            lastRun = cached;
        }
        return cached.access();
    }

    private static String lastName(List<UserChecks.UserRow> users, String fallback) {
        return users.isEmpty() ? fallback : users.get(users.size() - 1).username();
    }

    private static List<UserChecks.UserRow> users(EntityManager em, String realmId, String after) {
        return em.createQuery("select u.id, u.username, u.createdTimestamp, u.serviceAccountClientLink, u.enabled from UserEntity u"
                        + " where u.realmId = :realmId and u.username > :after order by u.realmId, u.username", Object[].class)
                .setParameter("realmId", realmId).setParameter("after", after).setMaxResults(BATCH).getResultStream()
                .map(r -> new UserChecks.UserRow((String) r[0], (String) r[1], r[2] == null ? 0L : (Long) r[2], r[3] != null,
                        Boolean.TRUE.equals(r[4])))
                .toList();
    }
}
