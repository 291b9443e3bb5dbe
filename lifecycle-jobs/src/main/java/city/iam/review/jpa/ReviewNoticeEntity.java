package city.iam.review.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One notice to one reviewer about one stage of a campaign: assignment, a reminder (its point, e.g. {@code P1D}
 * before the deadline), overdue or escalation. The unique key on (campaign, stage, kind, point, reviewer) is what
 * makes each notice go out once, whichever node's job gets there.
 */
@Entity
@Table(name = "CITYIAM_AR_NOTICE")
public class ReviewNoticeEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "CAMPAIGN_ID", length = 36, nullable = false) private String campaignId;
    @Column(name = "STAGE", nullable = false) private int stage;
    @Column(name = "KIND", length = 16, nullable = false) private String kind;
    @Column(name = "POINT", length = 32, nullable = false) private String point;
    @Column(name = "REVIEWER_ID", length = 36, nullable = false) private String reviewerId;
    @Column(name = "ITEM_COUNT", nullable = false) private long itemCount;
    @Column(name = "EMAIL", length = 16, nullable = false) private String email;
    @Column(name = "WEBHOOK", length = 16) private String webhook;
    @Column(name = "CREATED_AT", nullable = false) private long createdAt;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getCampaignId() { return campaignId; }
    public void setCampaignId(String v) { campaignId = v; }
    public int getStage() { return stage; }
    public void setStage(int v) { stage = v; }
    public String getKind() { return kind; }
    public void setKind(String v) { kind = v; }
    public String getPoint() { return point; }
    public void setPoint(String v) { point = v; }
    public String getReviewerId() { return reviewerId; }
    public void setReviewerId(String v) { reviewerId = v; }
    public long getItemCount() { return itemCount; }
    public void setItemCount(long v) { itemCount = v; }
    public String getEmail() { return email; }
    public void setEmail(String v) { email = v; }
    public String getWebhook() { return webhook; }
    public void setWebhook(String v) { webhook = v; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long v) { createdAt = v; }

    @Override public boolean equals(Object o) { return o instanceof ReviewNoticeEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
