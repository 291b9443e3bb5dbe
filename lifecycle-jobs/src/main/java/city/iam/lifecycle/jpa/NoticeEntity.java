package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One lifecycle action taken on a user (warned, disabled, deleted, anonymised, reset), kept after the user is
 * gone as a tombstone: who, what, when, why (idle days, policy version) and the run that did it.
 */
@Entity
@Table(name = "CITYIAM_LJ_NOTICE")
public class NoticeEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "USER_ID", length = 36, nullable = false) private String userId;
    @Column(name = "USERNAME", length = 255) private String username;
    @Column(name = "ACTION", length = 16, nullable = false) private String action;
    @Column(name = "CREATED_AT", nullable = false) private long createdAt;
    @Column(name = "REFERENCE_AT", nullable = false) private long referenceAt;
    @Column(name = "IDLE_DAYS", nullable = false) private long idleDays;
    @Column(name = "POLICY_VERSION", nullable = false) private int policyVersion;
    @Column(name = "RUN_ID", length = 36) private String runId;
    @Column(name = "EMAIL_STATUS", length = 32) private String emailStatus;
    @Column(name = "MANAGER_EMAIL_STATUS", length = 32) private String managerEmailStatus;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getAction() { return action; }
    public void setAction(String v) { action = v; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long v) { createdAt = v; }
    public long getReferenceAt() { return referenceAt; }
    public void setReferenceAt(long v) { referenceAt = v; }
    public long getIdleDays() { return idleDays; }
    public void setIdleDays(long v) { idleDays = v; }
    public int getPolicyVersion() { return policyVersion; }
    public void setPolicyVersion(int v) { policyVersion = v; }
    public String getRunId() { return runId; }
    public void setRunId(String v) { runId = v; }
    public String getEmailStatus() { return emailStatus; }
    public void setEmailStatus(String v) { emailStatus = v; }
    public String getManagerEmailStatus() { return managerEmailStatus; }
    public void setManagerEmailStatus(String v) { managerEmailStatus = v; }

    @Override public boolean equals(Object o) { return o instanceof NoticeEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
