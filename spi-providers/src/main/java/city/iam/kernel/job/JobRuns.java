package city.iam.kernel.job;

import city.iam.kernel.page.Page;
import jakarta.persistence.EntityManager;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The runs table of one realm, in the caller's transaction. */
public final class JobRuns {

    private final EntityManager em;
    private final String realmId;
    private final Clock clock;

    public JobRuns(EntityManager em, String realmId, Clock clock) {
        this.em = em;
        this.realmId = realmId;
        this.clock = clock;
    }

    /**
     * A claim on a job in this realm: {@code runnerId} is set when the caller now owns the run (new or taken
     * over after an expired lease) and must execute it; null when another runner holds a live lease.
     */
    public record Claim(JobRunEntity run, String runnerId) {
        public boolean owned() {
            return runnerId != null;
        }
    }

    public Optional<JobRunEntity> running(String job) {
        return em.createQuery("select r from JobRunEntity r where r.realmId = :realmId and r.job = :job and r.status = 'RUNNING'", JobRunEntity.class)
                .setParameter("realmId", realmId).setParameter("job", job).setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** Creates a run, or takes over a RUNNING one whose lease expired, or answers the live one unchanged. */
    public Claim claim(String job, String trigger, Lease lease) {
        return claim(job, trigger, lease, null);
    }

    /**
     * As {@link #claim(String, String, Lease)}, but a scheduled start ({@code interval} not null) is refused when a
     * run started within the interval: the check is repeated here, in the claiming transaction, because two nodes
     * may both have found the job due and the first may already have finished its run.
     */
    public Claim claim(String job, String trigger, Lease lease, java.time.Duration interval) {
        long now = clock.millis();
        Optional<JobRunEntity> current = running(job);
        if (current.isEmpty() && interval != null && !Lease.due(lastStarted(job), interval, now)) {
            return new Claim(list(job, Page.of(0, 1)).get(0), null);
        }
        String runnerId = UUID.randomUUID().toString();
        if (current.isPresent()) {
            JobRunEntity run = current.get();
            if (!lease.expired(run.getHeartbeatAt(), now)) {
                return new Claim(run, null);
            }
            // Compare-and-set on the previous runner: of two nodes taking over at once only one wins.
            int won = em.createQuery("update JobRunEntity r set r.runnerId = :mine, r.heartbeatAt = :now, r.takeovers = r.takeovers + 1"
                            + " where r.id = :id and r.runnerId = :theirs and r.status = 'RUNNING'")
                    .setParameter("mine", runnerId).setParameter("now", now).setParameter("id", run.getId())
                    .setParameter("theirs", run.getRunnerId()).executeUpdate();
            em.refresh(run);
            return new Claim(run, won == 1 ? runnerId : null);
        }
        JobRunEntity run = new JobRunEntity();
        run.setId(UUID.randomUUID().toString());
        run.setRealmId(realmId);
        run.setJob(job);
        run.setStatus(RunStatus.RUNNING.name());
        run.setTrigger(trigger);
        run.setActiveKey(realmId + ":" + job);
        run.setRunnerId(runnerId);
        run.setStartedAt(now);
        run.setHeartbeatAt(now);
        em.persist(run);
        em.flush();
        return new Claim(run, runnerId);
    }

    public Optional<JobRunEntity> get(String id) {
        JobRunEntity run = em.find(JobRunEntity.class, id);
        return run == null || !run.getRealmId().equals(realmId) ? Optional.empty() : Optional.of(run);
    }

    public List<JobRunEntity> list(String job, Page page) {
        String jpql = "select r from JobRunEntity r where r.realmId = :realmId" + (job == null ? "" : " and r.job = :job")
                + " order by r.startedAt desc, r.id";
        var q = em.createQuery(jpql, JobRunEntity.class).setParameter("realmId", realmId);
        if (job != null) {
            q.setParameter("job", job);
        }
        return q.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    public Long lastStarted(String job) {
        return em.createQuery("select max(r.startedAt) from JobRunEntity r where r.realmId = :realmId and r.job = :job", Long.class)
                .setParameter("realmId", realmId).setParameter("job", job).getSingleResult();
    }

    /** The run if this runner still owns it and it is RUNNING, locked for the batch; empty when it lost it. */
    public Optional<JobRunEntity> owned(String runId, String runnerId) {
        JobRunEntity run = em.find(JobRunEntity.class, runId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (run == null || !runnerId.equals(run.getRunnerId()) || !RunStatus.RUNNING.name().equals(run.getStatus())) {
            return Optional.empty();
        }
        return Optional.of(run);
    }

    public void finish(JobRunEntity run, RunStatus status, String error) {
        run.setStatus(status.name());
        run.setActiveKey(null);
        run.setFinishedAt(clock.millis());
        run.setHeartbeatAt(clock.millis());
        run.setError(error == null ? null : error.length() > 1000 ? error.substring(0, 1000) : error);
    }

    public void deleteRealm() {
        em.createQuery("delete from JobRunEntity r where r.realmId = :realmId").setParameter("realmId", realmId).executeUpdate();
    }
}
