package city.iam.kernel.job;

import city.iam.kernel.time.KeycloakClock;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The node's job engine: claims runs (one per realm and job across the cluster), executes them on a small
 * bounded pool, and on every scheduler tick starts due jobs and takes over runs whose lease expired.
 * Modules register their jobs in the {@link JobRegistry}.
 */
public final class JobEngine {

    private static final Logger LOG = Logger.getLogger(JobEngine.class);

    private final KeycloakSessionFactory factory;
    private final Lease lease;
    private final JobRegistry registry;
    private final ThreadPoolExecutor pool;

    JobEngine(KeycloakSessionFactory factory, JobRegistry registry, Lease lease, int threads) {
        this.factory = factory;
        this.registry = registry;
        this.lease = lease;
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256), r -> {
            Thread t = new Thread(r, "city-iam-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    public static JobEngine of(KeycloakSessionFactory factory) {
        return ((JobEntityProviderFactory) factory.getProviderFactory(JpaEntityProvider.class, JobEntityProviderFactory.ID)).engine();
    }

    public static JobEngine of(KeycloakSession session) {
        return of(session.getKeycloakSessionFactory());
    }

    public JobRegistry registry() {
        return registry;
    }

    /** The outcome of a start request: the run, and whether this call started it (false: it was already running). */
    public record Started(RunView run, boolean started) {
    }

    /**
     * Starts the job in the realm unless it is already running there, in which case the running one is
     * answered. The claim is committed in its own transaction before the run is handed to the pool.
     */
    public Started start(RealmModel realm, Job job, String trigger) {
        return start(realm, job, trigger, null);
    }

    /** {@code dueInterval}: for a scheduled start, the job's interval, re-checked when the run is claimed. */
    private Started start(RealmModel realm, Job job, String trigger, java.time.Duration dueInterval) {
        String realmId = realm.getId();
        JobRuns.Claim claim;
        try {
            claim = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
                JobRuns.Claim c = runs(s, realmId).claim(job.name(), trigger, lease, dueInterval);
                return new JobRuns.Claim(copy(c.run()), c.runnerId());
            });
        } catch (RuntimeException e) {
            // Another node inserted the run between our read and our insert (unique ACTIVE_KEY): answer theirs.
            LOG.debugf(e, "lost the race to start %s in %s", job.name(), realmId);
            JobRunEntity theirs = KeycloakModelUtils.runJobInTransactionWithResult(factory, s ->
                    runs(s, realmId).running(job.name()).map(JobEngine::copy).orElse(null));
            if (theirs == null) {
                throw e;
            }
            return new Started(RunView.of(theirs), false);
        }
        if (claim.owned()) {
            execute(job, realmId, claim.run().getId(), claim.runnerId(), trigger);
        }
        return new Started(RunView.of(claim.run()), claim.owned());
    }

    private void execute(Job job, String realmId, String runId, String runnerId, String trigger) {
        try {
            pool.execute(new JobRunner(factory, job, realmId, runId, runnerId, trigger));
        } catch (RejectedExecutionException e) {
            // The run stays RUNNING without heartbeats; its lease expires and a later tick takes it over.
            LOG.warnf("job pool full; run %s of %s waits for a takeover", runId, job.name());
        }
    }

    /** One scheduler tick (already guarded so one node in the cluster runs it). */
    void tick() {
        List<String> realmIds = KeycloakModelUtils.runJobInTransactionWithResult(factory, s ->
                s.realms().getRealmsStream().map(RealmModel::getId).toList());
        long now = KeycloakClock.INSTANCE.millis();
        for (String realmId : realmIds) {
            for (Job job : registry.all()) {
                try {
                    tick(realmId, job, now);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "scheduling %s in realm %s failed", job.name(), realmId);
                }
            }
        }
    }

    private void tick(String realmId, Job job, long now) {
        KeycloakModelUtils.runJobInTransaction(factory, s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            if (realm == null) {
                return;
            }
            JobRuns runs = runs(s, realmId);
            Optional<JobRunEntity> running = runs.running(job.name());
            boolean stale = running.isPresent() && lease.expired(running.get().getHeartbeatAt(), now);
            Duration interval = job.interval();
            boolean due = running.isEmpty() && interval != null && job.scheduledIn(s, realm)
                    && Lease.due(runs.lastStarted(job.name()), interval, now);
            if (stale || due) {
                // Claimed outside this read-only transaction so the claim commits on its own.
                s.getTransactionManager().enlistAfterCompletion(new AfterCommit(() -> start(realm, job, stale ? "takeover" : "schedule",
                        stale ? null : interval)));
            }
        });
    }

    private static JobRuns runs(KeycloakSession session, String realmId) {
        return new JobRuns(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realmId, KeycloakClock.INSTANCE);
    }

    /** A detached copy, safe to read after the transaction that loaded it closed. */
    private static JobRunEntity copy(JobRunEntity e) {
        JobRunEntity c = new JobRunEntity();
        c.setId(e.getId());
        c.setRealmId(e.getRealmId());
        c.setJob(e.getJob());
        c.setStatus(e.getStatus());
        c.setTrigger(e.getTrigger());
        c.setRunnerId(e.getRunnerId());
        c.setStartedAt(e.getStartedAt());
        c.setFinishedAt(e.getFinishedAt());
        c.setHeartbeatAt(e.getHeartbeatAt());
        c.setCursor(e.getCursor());
        c.setProcessed(e.getProcessed());
        c.setChanged(e.getChanged());
        c.setBatches(e.getBatches());
        c.setTakeovers(e.getTakeovers());
        c.setError(e.getError());
        return c;
    }

    void stop() {
        pool.shutdownNow();
    }
}
