package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A grantee's request to extend a temporary grant (LJ-35), routed to the owner of what was granted, and the
 * owner's decision. PENDING until decided (APPROVED, DENIED) or until the grant ends first (LAPSED).
 */
@Entity
@Table(name = "CITYIAM_LJ_EXTENSION")
public class ExtensionRequestEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "GRANT_ID", length = 36, nullable = false) private String grantId;
    @Column(name = "USER_ID", length = 36, nullable = false) private String userId;
    @Column(name = "USERNAME", length = 255, nullable = false) private String username;
    @Column(name = "OWNER_ID", length = 36, nullable = false) private String ownerId;
    @Column(name = "TARGET_NAME", length = 255, nullable = false) private String targetName;
    @Column(name = "CURRENT_EXPIRES_AT", nullable = false) private long currentExpiresAt;
    @Column(name = "REQUESTED_UNTIL", nullable = false) private long requestedUntil;
    @Column(name = "REASON", length = 1000, nullable = false) private String reason;
    @Column(name = "STATUS", length = 16, nullable = false) private String status;
    @Column(name = "REQUESTED_AT", nullable = false) private long requestedAt;
    @Column(name = "OWNER_EMAIL", length = 32) private String ownerEmail;
    @Column(name = "DECIDED_BY", length = 255) private String decidedBy;
    @Column(name = "DECIDED_AT") private Long decidedAt;
    @Column(name = "DECISION_COMMENT", length = 1000) private String decisionComment;
    @Version @Column(name = "VERSION", nullable = false) private int version;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getGrantId() { return grantId; }
    public void setGrantId(String v) { grantId = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getOwnerId() { return ownerId; }
    public void setOwnerId(String v) { ownerId = v; }
    public String getTargetName() { return targetName; }
    public void setTargetName(String v) { targetName = v; }
    public long getCurrentExpiresAt() { return currentExpiresAt; }
    public void setCurrentExpiresAt(long v) { currentExpiresAt = v; }
    public long getRequestedUntil() { return requestedUntil; }
    public void setRequestedUntil(long v) { requestedUntil = v; }
    public String getReason() { return reason; }
    public void setReason(String v) { reason = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public long getRequestedAt() { return requestedAt; }
    public void setRequestedAt(long v) { requestedAt = v; }
    public String getOwnerEmail() { return ownerEmail; }
    public void setOwnerEmail(String v) { ownerEmail = v; }
    public String getDecidedBy() { return decidedBy; }
    public void setDecidedBy(String v) { decidedBy = v; }
    public Long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(Long v) { decidedAt = v; }
    public String getDecisionComment() { return decisionComment; }
    public void setDecisionComment(String v) { decisionComment = v; }
}
