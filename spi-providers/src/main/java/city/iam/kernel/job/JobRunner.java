package city.iam.kernel.job;

import city.iam.kernel.time.KeycloakClock;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Executes one claimed run: each batch in its own transaction, together with the cursor and counters, until
 * the job says it is done, the run is lost to a takeover, or a batch fails (the run is then FAILED and a later
 * run starts over; jobs are idempotent).
 */
final class JobRunner implements Runnable {

    private static final Logger LOG = Logger.getLogger(JobRunner.class);

    private final KeycloakSessionFactory factory;
    private final Job job;
    private final String realmId;
    private final String runId;
    private final String runnerId;
    private final String trigger;

    JobRunner(KeycloakSessionFactory factory, Job job, String realmId, String runId, String runnerId, String trigger) {
        this.factory = factory;
        this.job = job;
        this.realmId = realmId;
        this.runId = runId;
        this.runnerId = runnerId;
        this.trigger = trigger;
    }

    @Override
    public void run() {
        RunContext context = new RunContext(runId, job.name(), trigger);
        try {
            boolean more = true;
            while (more) {
                more = Boolean.TRUE.equals(KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> batch(session, context)));
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "job %s run %s failed", job.name(), runId);
            String message = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            KeycloakModelUtils.runJobInTransaction(factory, session ->
                    runs(session).owned(runId, runnerId).ifPresent(run -> runs(session).finish(run, RunStatus.FAILED, message)));
        }
    }

    private boolean batch(KeycloakSession session, RunContext context) {
        JobRuns runs = runs(session);
        var owned = runs.owned(runId, runnerId);
        if (owned.isEmpty()) {
            LOG.infof("job %s run %s was taken over or finished elsewhere; this runner stops", job.name(), runId);
            return false;
        }
        JobRunEntity run = owned.get();
        RealmModel realm = session.realms().getRealm(realmId);
        if (realm == null) {
            runs.finish(run, RunStatus.FAILED, "realm removed");
            return false;
        }
        session.getContext().setRealm(realm);
        Batch batch = job.step(session, realm, context, run.getCursor());
        run.setCursor(batch.cursor());
        run.setProcessed(run.getProcessed() + batch.processed());
        run.setChanged(run.getChanged() + batch.changed());
        run.setBatches(run.getBatches() + 1);
        run.setHeartbeatAt(KeycloakClock.INSTANCE.millis());
        if (batch.done()) {
            runs.finish(run, RunStatus.DONE, null);
            return false;
        }
        return true;
    }

    private JobRuns runs(KeycloakSession session) {
        return new JobRuns(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realmId, KeycloakClock.INSTANCE);
    }
}
