package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A role, client role or group membership given to a user until a set time (LJ-35). The grant itself lives in
 * Keycloak's own tables while ACTIVE; this row says when it ends, who gave it and why, and what became of it.
 */
@Entity
@Table(name = "CITYIAM_LJ_TEMP_GRANT")
public class TemporaryGrantEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "USER_ID", length = 36, nullable = false) private String userId;
    @Column(name = "TARGET_TYPE", length = 16, nullable = false) private String targetType;
    @Column(name = "TARGET_ID", length = 36, nullable = false) private String targetId;
    @Column(name = "TARGET_NAME", length = 255, nullable = false) private String targetName;
    @Column(name = "GRANTED_BY", length = 255, nullable = false) private String grantedBy;
    @Column(name = "REASON", length = 1000, nullable = false) private String reason;
    @Column(name = "GRANTED_AT", nullable = false) private long grantedAt;
    @Column(name = "EXPIRES_AT", nullable = false) private long expiresAt;
    @Column(name = "NOTICE_AT") private Long noticeAt;
    @Column(name = "NOTICE_STATUS", length = 32) private String noticeStatus;
    @Column(name = "STATUS", length = 16, nullable = false) private String status;
    @Column(name = "ENDED_AT") private Long endedAt;
    @Column(name = "ENDED_BY", length = 255) private String endedBy;
    @Version @Column(name = "VERSION", nullable = false) private int version;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getTargetType() { return targetType; }
    public void setTargetType(String v) { targetType = v; }
    public String getTargetId() { return targetId; }
    public void setTargetId(String v) { targetId = v; }
    public String getTargetName() { return targetName; }
    public void setTargetName(String v) { targetName = v; }
    public String getGrantedBy() { return grantedBy; }
    public void setGrantedBy(String v) { grantedBy = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
    public long getGrantedAt() { return grantedAt; }
    public void setGrantedAt(long v) { grantedAt = v; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long v) { expiresAt = v; }
    public Long getNoticeAt() { return noticeAt; }
    public void setNoticeAt(Long v) { noticeAt = v; }
    public String getNoticeStatus() { return noticeStatus; }
    public void setNoticeStatus(String v) { noticeStatus = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public Long getEndedAt() { return endedAt; }
    public void setEndedAt(Long v) { endedAt = v; }
    public String getEndedBy() { return endedBy; }
    public void setEndedBy(String v) { endedBy = v; }
}
