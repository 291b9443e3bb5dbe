package city.iam.kernel.job;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One run of a job in a realm. {@code ACTIVE_KEY} is {@code realmId:job} while the run is RUNNING and null
 * afterwards; its unique constraint is what keeps two nodes from starting the same job at once.
 */
@Entity
@Table(name = "CITYIAM_JOB_RUN")
public class JobRunEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "JOB_NAME", length = 64, nullable = false) private String job;
    @Column(name = "STATUS", length = 16, nullable = false) private String status;
    @Column(name = "TRIGGERED_BY", length = 255) private String trigger;
    @Column(name = "ACTIVE_KEY", length = 110) private String activeKey;
    @Column(name = "RUNNER_ID", length = 36) private String runnerId;
    @Column(name = "STARTED_AT", nullable = false) private long startedAt;
    @Column(name = "FINISHED_AT") private Long finishedAt;
    @Column(name = "HEARTBEAT_AT", nullable = false) private long heartbeatAt;
    @Column(name = "RESUME_CURSOR", length = 255) private String cursor;
    @Column(name = "PROCESSED", nullable = false) private long processed;
    @Column(name = "CHANGED", nullable = false) private long changed;
    @Column(name = "BATCHES", nullable = false) private int batches;
    @Column(name = "TAKEOVERS", nullable = false) private int takeovers;
    @Column(name = "ERROR", length = 1000) private String error;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getJob() { return job; }
    public void setJob(String v) { job = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public String getTrigger() { return trigger; }
    public void setTrigger(String v) { trigger = v; }
    public String getActiveKey() { return activeKey; }
    public void setActiveKey(String v) { activeKey = v; }
    public String getRunnerId() { return runnerId; }
    public void setRunnerId(String v) { runnerId = v; }
    public long getStartedAt() { return startedAt; }
    public void setStartedAt(long v) { startedAt = v; }
    public Long getFinishedAt() { return finishedAt; }
    public void setFinishedAt(Long v) { finishedAt = v; }
    public long getHeartbeatAt() { return heartbeatAt; }
    public void setHeartbeatAt(long v) { heartbeatAt = v; }
    public String getCursor() { return cursor; }
    public void setCursor(String v) { cursor = v; }
    public long getProcessed() { return processed; }
    public void setProcessed(long v) { processed = v; }
    public long getChanged() { return changed; }
    public void setChanged(long v) { changed = v; }
    public int getBatches() { return batches; }
    public void setBatches(int v) { batches = v; }
    public int getTakeovers() { return takeovers; }
    public void setTakeovers(int v) { takeovers = v; }
    public String getError() { return error; }
    public void setError(String v) { error = v; }

    @Override public boolean equals(Object o) { return o instanceof JobRunEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
