package city.iam.review.drift;

import city.iam.kernel.job.Batch;
import city.iam.kernel.job.Job;
import city.iam.kernel.job.RunContext;
import city.iam.kernel.page.Page;
import city.iam.kernel.time.KeycloakClock;
import city.iam.lifecycle.finding.FindingKind;
import city.iam.lifecycle.finding.FindingStore;
import city.iam.lifecycle.finding.Observation;
import city.iam.review.campaign.Campaigns;
import city.iam.review.campaign.Drift;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.notice.Webhook;
import city.iam.review.remediation.StageCloser;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Job {@value #NAME}: drift alerts. Every six hours it compares each open whole-scope campaign with the grants
 * of its scope now ({@link Drift}) and keeps one {@code review_drift} finding per campaign that has drifted, so a
 * grant added mid-campaign (which this campaign will not review) or removed outside it reaches the review
 * administrators without anyone asking. A finding opens, or changes, with an audit entry and a {@code review.drift}
 * post to the definition's webhook (counts only, like every review webhook); the first complete scan after the
 * campaign closes, or after the drift is undone, resolves it. One campaign per batch: a drift check walks the
 * campaign's whole scope.
 */
public final class DriftScan implements Job {

    public static final String NAME = "review-drift";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(6);
    }

    @Override
    public boolean scheduledIn(KeycloakSession session, RealmModel realm) {
        return Campaigns.of(session, realm).anyOpen();
    }

    @Override
    public Batch step(KeycloakSession session, RealmModel realm, RunContext run, String cursor) {
        long now = KeycloakClock.INSTANCE.millis();
        Campaigns campaigns = Campaigns.of(session, realm);
        FindingStore findings = new FindingStore(session, realm, campaigns.em());
        Optional<CampaignEntity> next = campaigns.nextOpen(cursor == null ? "" : cursor);
        if (next.isEmpty()) {
            return Batch.last(cursor, 0, findings.resolveUnseen(run.runId(), now, FindingKind.REVIEW_DRIFT));
        }
        CampaignEntity c = next.get();
        if (!Drift.applies(c)) {
            return Batch.more(c.getId(), 1, 0);
        }
        ReviewDefinition definition = StageCloser.definition(c);
        Drift.Result drift = Drift.of(session, realm, campaigns, c.getId(), definition);
        if (drift.addedCount() == 0 && drift.removedCount() == 0) {
            return Batch.more(c.getId(), 1, 0);
        }
        String detail = detail(drift);
        boolean changed = findings.list(FindingKind.REVIEW_DRIFT.code(), null, c.getId(), Page.of(0, 10)).stream()
                .noneMatch(f -> !FindingStore.RESOLVED.equals(f.getStatus()) && detail.equals(f.getDetail()));
        findings.observe(List.of(new Observation(FindingKind.REVIEW_DRIFT, c.getId(), definition.name(), detail)), run.runId(), now);
        if (changed && definition.notifications().webhook() != null) {
            Webhook.post(session, definition.notifications().webhook(), body(realm, c, drift));
        }
        return Batch.more(c.getId(), 1, changed ? 1 : 0);
    }

    static String detail(Drift.Result drift) {
        return drift.addedCount() + " grant(s) of the scope added since the snapshot (not reviewed in this campaign), "
                + drift.removedCount() + " frozen grant(s) removed outside the review";
    }

    private static Map<String, Object> body(RealmModel realm, CampaignEntity c, Drift.Result drift) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("event", "review.drift");
        body.put("realm", realm.getName());
        body.put("campaign_id", c.getId());
        body.put("definition_id", c.getDefinitionId());
        body.put("added_count", drift.addedCount());
        body.put("removed_count", drift.removedCount());
        return body;
    }
}
