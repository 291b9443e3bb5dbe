package city.iam.review.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * One reviewed grant: a user holding an access (realm role, client role, group) through one grant path, as
 * frozen at launch, with the current stage's reviewer and decision, the final outcome and what remediation
 * did. {@code VERSION} makes two concurrent decisions on one item conflict instead of one silently winning.
 */
@Entity
@Table(name = "CITYIAM_AR_ITEM")
public class ItemEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "CAMPAIGN_ID", length = 36, nullable = false) private String campaignId;
    @Column(name = "SEQ", nullable = false) private long seq;
    @Column(name = "USER_ID", length = 36, nullable = false) private String userId;
    @Column(name = "USERNAME", length = 255) private String username;
    @Column(name = "ACCESS_TYPE", length = 16, nullable = false) private String accessType;
    @Column(name = "ACCESS_ID", length = 36, nullable = false) private String accessId;
    @Column(name = "ACCESS_NAME", length = 255, nullable = false) private String accessName;
    @Column(name = "GRANT_KIND", length = 16, nullable = false) private String grantKind;
    @Column(name = "GRANT_VIA_ID", length = 36) private String grantViaId;
    @Column(name = "GRANT_PATH", length = 1000, nullable = false) private String grantPath;
    @Column(name = "PRIVILEGED", nullable = false) private boolean privileged;
    @Column(name = "RECOMMENDATION", length = 16, nullable = false) private String recommendation;
    @Column(name = "RECOMMENDATION_REASONS", length = 1000) private String recommendationReasons;
    @Column(name = "STAGE", nullable = false) private int stage;
    @Column(name = "REVIEWER_ID", length = 36) private String reviewerId;
    @Column(name = "REVIEWER_SOURCE", length = 64) private String reviewerSource;
    @Column(name = "DECISION", length = 24) private String decision;
    @Column(name = "DECISION_COMMENT", length = 2000) private String comment;
    @Column(name = "DECIDED_BY", length = 36) private String decidedBy;
    @Column(name = "DECIDED_AT") private Long decidedAt;
    @Column(name = "EXCEPTION_UNTIL") private Long exceptionUntil;
    @Column(name = "REDUCE_TO_ID", length = 36) private String reduceToId;
    @Column(name = "REDUCE_TO", length = 255) private String reduceTo;
    @Column(name = "OUTCOME", length = 24) private String outcome;
    @Column(name = "OUTCOME_REASON", length = 255) private String outcomeReason;
    @Column(name = "REMEDIATION", length = 16) private String remediation;
    @Column(name = "REMEDIATION_REASON", length = 1000) private String remediationReason;
    @Column(name = "REMEDIATED_AT") private Long remediatedAt;
    @Version @Column(name = "VERSION", nullable = false) private int version;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getCampaignId() { return campaignId; }
    public void setCampaignId(String v) { campaignId = v; }
    public long getSeq() { return seq; }
    public void setSeq(long v) { seq = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getUsername() { return username; }
    public void setUsername(String v) { username = v; }
    public String getAccessType() { return accessType; }
    public void setAccessType(String v) { accessType = v; }
    public String getAccessId() { return accessId; }
    public void setAccessId(String v) { accessId = v; }
    public String getAccessName() { return accessName; }
    public void setAccessName(String v) { accessName = v; }
    public String getGrantKind() { return grantKind; }
    public void setGrantKind(String v) { grantKind = v; }
    public String getGrantViaId() { return grantViaId; }
    public void setGrantViaId(String v) { grantViaId = v; }
    public String getGrantPath() { return grantPath; }
    public void setGrantPath(String v) { grantPath = v; }
    public boolean isPrivileged() { return privileged; }
    public void setPrivileged(boolean v) { privileged = v; }
    public String getRecommendation() { return recommendation; }
    public void setRecommendation(String v) { recommendation = v; }
    public String getRecommendationReasons() { return recommendationReasons; }
    public void setRecommendationReasons(String v) { recommendationReasons = v; }
    public int getStage() { return stage; }
    public void setStage(int v) { stage = v; }
    public String getReviewerId() { return reviewerId; }
    public void setReviewerId(String v) { reviewerId = v; }
    public String getReviewerSource() { return reviewerSource; }
    public void setReviewerSource(String v) { reviewerSource = v; }
    public String getDecision() { return decision; }
    public void setDecision(String v) { decision = v; }
    public String getComment() { return comment; }
    public void setComment(String v) { comment = v; }
    public String getDecidedBy() { return decidedBy; }
    public void setDecidedBy(String v) { decidedBy = v; }
    public Long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(Long v) { decidedAt = v; }
    public Long getExceptionUntil() { return exceptionUntil; }
    public void setExceptionUntil(Long v) { exceptionUntil = v; }
    public String getReduceToId() { return reduceToId; }
    public void setReduceToId(String v) { reduceToId = v; }
    public String getReduceTo() { return reduceTo; }
    public void setReduceTo(String v) { reduceTo = v; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String v) { outcome = v; }
    public String getOutcomeReason() { return outcomeReason; }
    public void setOutcomeReason(String v) { outcomeReason = v; }
    public String getRemediation() { return remediation; }
    public void setRemediation(String v) { remediation = v; }
    public String getRemediationReason() { return remediationReason; }
    public void setRemediationReason(String v) { remediationReason = v; }
    public Long getRemediatedAt() { return remediatedAt; }
    public void setRemediatedAt(Long v) { remediatedAt = v; }
    public int getVersion() { return version; }
    public void setVersion(int v) { version = v; }

    /** Back to undecided, as when an item moves to another reviewer or stage. */
    public void clearDecision() {
        decision = null;
        comment = null;
        decidedBy = null;
        decidedAt = null;
        exceptionUntil = null;
        reduceToId = null;
        reduceTo = null;
    }

    @Override public boolean equals(Object o) { return o instanceof ItemEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
