package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A hygiene finding: one kind of problem on one user or client, from the run that first saw it until a run no
 * longer sees it (RESOLVED). Acknowledging keeps it visible with who accepted it and why.
 */
@Entity
@Table(name = "CITYIAM_LJ_FINDING")
public class FindingEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "KIND", length = 64, nullable = false) private String kind;
    @Column(name = "SUBJECT_TYPE", length = 16, nullable = false) private String subjectType;
    @Column(name = "SUBJECT_ID", length = 36, nullable = false) private String subjectId;
    @Column(name = "SUBJECT_NAME", length = 255) private String subjectName;
    @Column(name = "ISO_CONTROL", length = 16, nullable = false) private String isoControl;
    @Column(name = "DETAIL", length = 1000) private String detail;
    @Column(name = "STATUS", length = 16, nullable = false) private String status;
    @Column(name = "FIRST_SEEN", nullable = false) private long firstSeen;
    @Column(name = "LAST_SEEN", nullable = false) private long lastSeen;
    @Column(name = "LAST_RUN", length = 36) private String lastRun;
    @Column(name = "ACK_BY", length = 255) private String ackBy;
    @Column(name = "ACK_REASON", length = 1000) private String ackReason;
    @Column(name = "ACK_AT") private Long ackAt;
    @Column(name = "RESOLVED_AT") private Long resolvedAt;
    @Version @Column(name = "VERSION", nullable = false) private int version;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    public String getSubjectType() { return subjectType; }
    public void setSubjectType(String v) { subjectType = v; }
    public String getSubjectId() { return subjectId; }
    public void setSubjectId(String v) { subjectId = v; }
    public String getSubjectName() { return subjectName; }
    public void setSubjectName(String v) { subjectName = v; }
    public String getIsoControl() { return isoControl; }
    public void setIsoControl(String v) { isoControl = v; }
    public String getDetail() { return detail; }
    public void setDetail(String v) { detail = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public long getFirstSeen() { return firstSeen; }
    public void setFirstSeen(long v) { firstSeen = v; }
    public long getLastSeen() { return lastSeen; }
    public void setLastSeen(long v) { lastSeen = v; }
    public String getLastRun() { return lastRun; }
    public void setLastRun(String v) { lastRun = v; }
    public String getAckBy() { return ackBy; }
    public void setAckBy(String v) { ackBy = v; }
    public String getAckReason() { return ackReason; }
    public void setAckReason(String v) { ackReason = v; }
    public Long getAckAt() { return ackAt; }
    public void setAckAt(Long v) { ackAt = v; }
    public Long getResolvedAt() { return resolvedAt; }
    public void setResolvedAt(Long v) { resolvedAt = v; }
}
