package city.iam.review.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One access-review campaign: the definition as it was at launch (later edits do not change a running
 * campaign), the stage it is in and that stage's deadline, and the hash of its frozen snapshot.
 */
@Entity
@Table(name = "CITYIAM_AR_CAMPAIGN")
public class CampaignEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "DEFINITION_ID", length = 64, nullable = false) private String definitionId;
    @Column(name = "DEFINITION_VERSION", nullable = false) private int definitionVersion;
    @Column(name = "DEFINITION_JSON", nullable = false) private String definitionJson;
    @Column(name = "PERIOD_KEY", length = 100) private String periodKey;
    @Column(name = "STATUS", length = 16, nullable = false) private String status;
    @Column(name = "STAGE", nullable = false) private int stage;
    @Column(name = "STAGE_COUNT", nullable = false) private int stageCount;
    @Column(name = "STAGE_DEADLINE", nullable = false) private long stageDeadline;
    @Column(name = "CREATED_AT", nullable = false) private long createdAt;
    @Column(name = "CLOSED_AT") private Long closedAt;
    @Column(name = "TRIGGERED_BY", length = 255) private String triggeredBy;
    @Column(name = "ITEM_COUNT", nullable = false) private long itemCount;
    @Column(name = "SNAPSHOT_HASH", length = 64) private String snapshotHash;
    @Column(name = "NOTE", length = 1000) private String note;
    /** Wall-clock time of a launch's last committed batch, while it is LAUNCHING: how a cut-off launch is told from a running one. */
    @Column(name = "PROGRESS_AT") private Long progressAt;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getDefinitionId() { return definitionId; }
    public void setDefinitionId(String v) { definitionId = v; }
    public int getDefinitionVersion() { return definitionVersion; }
    public void setDefinitionVersion(int v) { definitionVersion = v; }
    public String getDefinitionJson() { return definitionJson; }
    public void setDefinitionJson(String v) { definitionJson = v; }
    public String getPeriodKey() { return periodKey; }
    public void setPeriodKey(String v) { periodKey = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public int getStage() { return stage; }
    public void setStage(int v) { stage = v; }
    public int getStageCount() { return stageCount; }
    public void setStageCount(int v) { stageCount = v; }
    public long getStageDeadline() { return stageDeadline; }
    public void setStageDeadline(long v) { stageDeadline = v; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long v) { createdAt = v; }
    public Long getClosedAt() { return closedAt; }
    public void setClosedAt(Long v) { closedAt = v; }
    public String getTriggeredBy() { return triggeredBy; }
    public void setTriggeredBy(String v) { triggeredBy = v; }
    public long getItemCount() { return itemCount; }
    public void setItemCount(long v) { itemCount = v; }
    public String getSnapshotHash() { return snapshotHash; }
    public void setSnapshotHash(String v) { snapshotHash = v; }
    public String getNote() { return note; }
    public void setNote(String v) { note = v; }
    public Long getProgressAt() { return progressAt; }
    public void setProgressAt(Long v) { progressAt = v; }

    @Override public boolean equals(Object o) { return o instanceof CampaignEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
