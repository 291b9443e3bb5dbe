package city.iam.review.rest;

import city.iam.kernel.page.Page;
import city.iam.review.campaign.Progress;
import city.iam.review.jpa.CampaignEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.List;
import java.util.Map;

/**
 * {@code GET .../campaigns/{id}/progress}: totals, decisions by type, remediation states, one page of reviewers
 * (most items first; names looked up for that page only), decisions over time and the first remediation failures.
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
                    @JsonProperty("failures") List<ItemView> failures) {

    static final int FAILURES = 20;

    record Reviewer(@JsonProperty("reviewer_id") String reviewerId, @JsonProperty("reviewer") String reviewer,
                    @JsonProperty("items") long items, @JsonProperty("decided") long decided) {
    }

    record Point(@JsonProperty("at") String at, @JsonProperty("decided") long decided, @JsonProperty("cumulative") long cumulative) {
    }

    static ProgressView of(KeycloakSession session, RealmModel realm, Progress progress, CampaignEntity c, Progress.Bucket bucket, Page page) {
        Progress.Totals t = progress.totals(c.getId());
        List<Reviewer> reviewers = t.reviewers().stream().skip(page.first()).limit(page.max())
                .map(r -> new Reviewer(r.reviewerId(), name(session, realm, r.reviewerId()), r.items(), r.decided())).toList();
        List<Point> points = progress.overTime(c.getId(), bucket).stream()
                .map(p -> new Point(ItemView.iso(p.start()), p.decided(), p.cumulative())).toList();
        return new ProgressView(c.getId(), c.getStatus(), t.items(), t.decided(), t.decisions(), t.remediation(), t.reviewers().size(),
                reviewers, bucket.iso, points, progress.failures(c.getId(), FAILURES).stream().map(ItemView::of).toList());
    }

    private static String name(KeycloakSession session, RealmModel realm, String userId) {
        if (userId == null) {
            return null;
        }
        UserModel u = session.users().getUserById(realm, userId);
        return u == null ? userId : u.getUsername();
    }
}
