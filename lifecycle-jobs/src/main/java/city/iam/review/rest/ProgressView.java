package city.iam.review.rest;

import city.iam.kernel.page.Page;
import city.iam.review.campaign.Progress;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.notice.ReviewNotices;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;

/**
 * {@code GET .../campaigns/{id}/progress}: totals, decisions by type, remediation states, one page of reviewers
 * (most items first; names looked up for that page only), decisions over time, the first remediation failures, the
 * first items left for manual follow-up (remediation MANUAL, with what to do) and the stage's overdue items (undecided past the escalation point) with their count.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ProgressView(@JsonProperty("campaign_id") String campaignId,
                    @JsonProperty("status") String status,
                    @JsonProperty("items") long items,
                    @JsonProperty("decided") long decided,
                    @JsonProperty("decisions") Map<String, Long> decisions,
                    @JsonProperty("remediation") Map<String, Long> remediation,
                    @JsonProperty("reviewer_count") int reviewerCount,
                    @JsonProperty("reviewers") List<Reviewer> reviewers,
                    @JsonProperty("bucket") String bucket,
                    @JsonProperty("over_time") List<Point> overTime,
                    @JsonProperty("failures") List<ItemView> failures,
                    @JsonProperty("manual_follow_up") List<ItemView> manualFollowUp,
                    @JsonProperty("overdue") long overdue,
                    @JsonProperty("overdue_items") List<Overdue> overdueItems) {

    static final int FAILURES = 20;
    static final int OVERDUE = 20;

    /** An overdue item with the name of whoever holds it now ({@code reviewer_source} says how it got there). */
    record Overdue(@JsonProperty("id") String id, @JsonProperty("username") String username, @JsonProperty("access") String access,
                   @JsonProperty("reviewer_id") String reviewerId, @JsonProperty("reviewer") String reviewer,
                   @JsonProperty("reviewer_source") String reviewerSource) {
    }

    record Reviewer(@JsonProperty("reviewer_id") String reviewerId, @JsonProperty("reviewer") String reviewer,
                    @JsonProperty("items") long items, @JsonProperty("decided") long decided) {
    }

    record Point(@JsonProperty("at") String at, @JsonProperty("decided") long decided, @JsonProperty("cumulative") long cumulative) {
    }

    static ProgressView of(KeycloakSession session, RealmModel realm, Progress progress, ReviewNotices notices, CampaignEntity c,
                           Progress.Bucket bucket, Page page) {
        Progress.Summary summary = progress.summary(c.getId(), bucket, ReviewNotices.overdueCondition(c.getStage()));
        Progress.Totals t = summary.totals();
        List<Reviewer> reviewers = t.reviewers().stream().skip(page.first()).limit(page.max())
                .map(r -> new Reviewer(r.reviewerId(), name(session, realm, r.reviewerId()), r.items(), r.decided())).toList();
        List<Point> points = summary.points().stream()
                .map(p -> new Point(ItemView.iso(p.start()), p.decided(), p.cumulative())).toList();
        // The lists only when their counts say there is something to list: each reads the campaign's index.
        List<ItemView> failures = t.remediation().getOrDefault("FAILED", 0L) == 0 ? List.of()
                : progress.failures(c.getId(), FAILURES).stream().map(ItemView::of).toList();
        List<ItemView> manual = t.remediation().getOrDefault("MANUAL", 0L) == 0 ? List.of()
                : progress.manual(c.getId(), FAILURES).stream().map(ItemView::of).toList();
        List<Overdue> overdue = summary.overdue() == 0 ? List.of()
                : notices.overdue(c.getId(), c.getStage(), 0, OVERDUE).stream().map(i -> new Overdue(i.getId(), i.getUsername(),
                        i.getAccessName(), i.getReviewerId(), name(session, realm, i.getReviewerId()), i.getReviewerSource())).toList();
        return new ProgressView(c.getId(), c.getStatus(), t.items(), t.decided(), t.decisions(), t.remediation(), t.reviewers().size(),
                reviewers, bucket.iso, points, failures, manual, summary.overdue(), overdue);
    }

    private static String name(KeycloakSession session, RealmModel realm, String userId) {
        if (userId == null) {
            return null;
        }
        UserModel u = session.users().getUserById(realm, userId);
        return u == null ? userId : u.getUsername();
    }
}
