package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The inactivity stage a user was moved to, and the idle episode (reference time) it belongs to. */
@Entity
@Table(name = "CITYIAM_LJ_INACTIVITY")
public class InactivityStateEntity {
    @Id @Column(name = "USER_ID", length = 36) private String userId;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "STAGE", length = 16, nullable = false) private String stage;
    @Column(name = "STAGE_AT", nullable = false) private long stageAt;
    @Column(name = "REFERENCE_AT", nullable = false) private long referenceAt;
    @Column(name = "POLICY_VERSION", nullable = false) private int policyVersion;

    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getStage() { return stage; }
    public void setStage(String v) { stage = v; }
    public long getStageAt() { return stageAt; }
    public void setStageAt(long v) { stageAt = v; }
    public long getReferenceAt() { return referenceAt; }
    public void setReferenceAt(long v) { referenceAt = v; }
    public int getPolicyVersion() { return policyVersion; }
    public void setPolicyVersion(int v) { policyVersion = v; }

    @Override public boolean equals(Object o) { return o instanceof InactivityStateEntity e && userId != null && userId.equals(e.userId); }
    @Override public int hashCode() { return userId == null ? 0 : userId.hashCode(); }
}
