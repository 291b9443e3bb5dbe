package city.iam.review.remediation;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.job.Batch;
import city.iam.kernel.job.Job;
import city.iam.kernel.job.RunContext;
import city.iam.kernel.time.KeycloakClock;
import city.iam.review.campaign.CampaignLauncher;
import city.iam.review.campaign.Campaigns;
import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ReviewDefinitions;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import city.iam.review.notice.StageNotifier;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Job {@value #NAME}: the clock of access reviews in a realm. Each batch (its own transaction) does one thing
 * that is due by {@link KeycloakClock}: finish a launch cut off by a crash, launch a scheduled campaign for the current
 * period of a recurring definition, close a stage whose deadline passed, revoke expired exceptions, or send a batch
 * of the notices and escalations of running stages ({@link StageNotifier}); the run ends when nothing is due. The
 * kernel's job engine runs it on one node at a time, and the campaign table's unique period key makes a launch
 * happen once per period even so.
 *
 * <p>A cut-off launch comes first and is taken over rather than thrown away: the items it committed are most of a
 * minute's work at city scale, and a run-now launch would otherwise be lost, since nothing launches it again. Its
 * launcher may be alive but slow on another node; the takeover is a compare-and-set on the launch's progress, so
 * exactly one of them writes on ({@link CampaignLauncher#resume}). Cut-off is judged by the wall clock, as the
 * progress is written: the test clock moves review time, and must not make a running launch look dead.
 */
public final class ReviewJob implements Job {

    public static final String NAME = "access-reviews";
    static final int EXCEPTIONS_PER_BATCH = 100;
    /** A launch commits a batch every few seconds; one silent this long was cut off, and this job finishes it. */
    static final Duration CUT_OFF_AFTER = Duration.ofMinutes(10);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(1);
    }

    @Override
    public boolean scheduledIn(KeycloakSession session, RealmModel realm) {
        return !ReviewDefinitions.list(realm).isEmpty() || Campaigns.of(session, realm).anyOpen();
    }

    @Override
    public Batch step(KeycloakSession session, RealmModel realm, RunContext run, String cursor) {
        long now = KeycloakClock.INSTANCE.millis();
        Actor actor = Actor.system(NAME);
        Campaigns campaigns = Campaigns.of(session, realm);
        List<CampaignEntity> cutOff = campaigns.cutOffLaunches(System.currentTimeMillis() - CUT_OFF_AFTER.toMillis());
        if (!cutOff.isEmpty()) {
            CampaignEntity c = cutOff.get(0);
            CampaignLauncher.Resumption r = new CampaignLauncher(session, realm, campaigns.em()).resume(c, actor);
            return switch (r.outcome()) {
                case RESUMED -> Batch.more("resumed:" + c.getId(), r.campaign().getItemCount() - r.itemsPresent(), 1);
                case DISCARDED -> Batch.more("discarded:" + c.getId(), r.itemsRemoved(), 1);
                case BUSY -> Batch.more("busy:" + c.getId(), 0, 1);
            };
        }
        for (DefinitionDocument stored : ReviewDefinitions.list(realm)) {
            ReviewDefinition definition = ReviewDefinitions.definition(stored);
            if (definition.recurrence() == null) {
                continue;
            }
            long period = definition.recurrence().index(Instant.ofEpochMilli(now));
            if (period >= 0 && !campaigns.launchedFor(definition.id(), String.valueOf(period))) {
                CampaignEntity c = new CampaignLauncher(session, realm, campaigns.em())
                        .launch(stored, String.valueOf(period), actor, CampaignLauncher.SCHEDULE_TRIGGER + run.runId(), now);
                return Batch.more("launched:" + c.getId(), c.getItemCount(), 1);
            }
        }
        Optional<CampaignEntity> due = campaigns.pastDeadline(now);
        if (due.isPresent()) {
            StageCloser.Closed closed = new StageCloser(session, realm, campaigns).closeStage(due.get().getId(), actor, now);
            return Batch.more("closed:" + due.get().getId() + ":" + closed.stage(), 1, 1);
        }
        List<ItemEntity> expired = campaigns.expiredExceptions(now, EXCEPTIONS_PER_BATCH);
        if (!expired.isEmpty()) {
            // Exceptions of different campaigns may follow different definitions: act campaign by campaign.
            String campaignId = expired.get(0).getCampaignId();
            List<ItemEntity> mine = expired.stream().filter(i -> i.getCampaignId().equals(campaignId)).toList();
            ReviewDefinition definition = StageCloser.definition(campaigns.require(campaignId));
            new Remediation(session, realm, campaigns, definition).expire(mine, actor, now);
            return Batch.more("expired:" + campaignId, mine.size(), mine.size());
        }
        StageNotifier.Step notified = new StageNotifier(session, realm, campaigns).step(actor, now);
        if (notified.count() > 0) {
            return Batch.more(notified.what() + ":" + notified.campaignId(), notified.count(), notified.count());
        }
        return Batch.last(cursor, 0, 0);
    }
}
