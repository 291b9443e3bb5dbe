package city.iam.review.notice;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.mail.Mailer;
import city.iam.lifecycle.account.Notice;
import city.iam.review.campaign.Campaigns;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import city.iam.review.remediation.StageCloser;
import city.iam.review.reviewer.ModelDirectory;
import city.iam.review.reviewer.ReviewerChain;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One step of the notices of open campaigns, for the review job: the first thing due — a batch of escalations,
 * or a batch of one kind of notice — is done and audited, and the step answers how many reviewers or items it
 * handled (0 when nothing was due). Each notice is a row before it is a mail, so the next step, on whichever
 * node, does not send it again.
 */
public final class StageNotifier {

    static final int REVIEWERS_PER_STEP = 50;
    static final int ITEMS_PER_STEP = 500;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Campaigns campaigns;
    private final ReviewNotices notices;

    public StageNotifier(KeycloakSession session, RealmModel realm, Campaigns campaigns) {
        this.session = session;
        this.realm = realm;
        this.campaigns = campaigns;
        this.notices = new ReviewNotices(campaigns.em(), realm.getId());
    }

    /** What a step did: the campaign and what it was about, for the job's cursor. */
    public record Step(String campaignId, String what, long count) {
    }

    public Step step(Actor actor, long now) {
        for (CampaignEntity c : campaigns.open()) {
            ReviewDefinition definition = StageCloser.definition(c);
            ReviewDefinition.StageSpec stage = definition.stage(c.getStage());
            Instant deadline = Instant.ofEpochMilli(c.getStageDeadline());
            Instant start = deadline.minus(stage.duration());
            for (NoticePlan.Due due : NoticePlan.due(definition.notifications(), start, deadline, Instant.ofEpochMilli(now))) {
                long done = due.kind() == NoticeKind.ESCALATED ? escalate(c, definition, actor, now) : 0;
                if (done > 0) {
                    return new Step(c.getId(), "escalated", done);
                }
                done = notify(c, definition, due, actor, now);
                if (done > 0) {
                    return new Step(c.getId(), due.kind().name().toLowerCase(Locale.ROOT), done);
                }
            }
        }
        return new Step(null, "none", 0);
    }

    private long escalate(CampaignEntity c, ReviewDefinition definition, Actor actor, long now) {
        List<ItemEntity> items = notices.toEscalate(c.getId(), c.getStage(), ITEMS_PER_STEP);
        if (items.isEmpty()) {
            return 0;
        }
        ReviewerChain chain = new ReviewerChain(definition, new ModelDirectory(session, realm));
        Map<String, Long> late = new Escalation(definition, chain).apply(items);
        long moved = items.stream().filter(i -> i.getReviewerSource().startsWith(ReviewNotices.ESCALATED)).count();
        campaigns.em().flush();
        NoticePlan.Due overdue = new NoticePlan.Due(NoticeKind.OVERDUE, NoticePlan.ESCALATION);
        Map<String, String> mails = new LinkedHashMap<>();
        late.forEach((reviewerId, count) -> {
            if (!notices.sent(c.getId(), c.getStage(), overdue, reviewerId)) {
                mails.put(reviewerId, send(c, definition, overdue, new ReviewNotices.Pending(reviewerId, count), now));
            }
        });
        ObjectNode facts = AuditRecord.facts("stage", String.valueOf(c.getStage()), "escalate_to", definition.notifications().escalateTo());
        facts.put("items", items.size());
        facts.put("moved", moved);
        facts.put("kept_by_late_reviewer", items.size() - moved);
        ObjectNode overdueMails = facts.putObject("overdue_notices");
        mails.forEach(overdueMails::put);
        AuditLogs.of(session, realm).append(new AuditRecord(actor, "review.items.escalated", c.getId(), facts));
        return items.size();
    }

    private long notify(CampaignEntity c, ReviewDefinition definition, NoticePlan.Due due, Actor actor, long now) {
        List<ReviewNotices.Pending> pending = notices.pending(c.getId(), c.getStage(), due, REVIEWERS_PER_STEP);
        if (pending.isEmpty()) {
            return 0;
        }
        Map<String, Long> outcomes = new LinkedHashMap<>();
        for (ReviewNotices.Pending to : pending) {
            outcomes.merge(send(c, definition, due, to, now), 1L, Long::sum);
        }
        ObjectNode facts = AuditRecord.facts("stage", String.valueOf(c.getStage()), "kind", due.kind().name(), "point", due.point());
        facts.put("reviewers", pending.size());
        ObjectNode email = facts.putObject("email");
        outcomes.forEach(email::put);
        AuditLogs.of(session, realm).append(new AuditRecord(actor, "review.notices.sent", c.getId(), facts));
        return pending.size();
    }

    /** Mails (and posts) one notice and records it; answers the mail status. */
    private String send(CampaignEntity c, ReviewDefinition definition, NoticePlan.Due due, ReviewNotices.Pending to, long now) {
        UserModel reviewer = session.users().getUserById(realm, to.reviewerId());
        String deadline = Instant.ofEpochMilli(c.getStageDeadline()).toString();
        String email = reviewer == null ? Mailer.NO_USER : Notice.mail(session, realm, reviewer, due.kind().template, Map.of(
                "campaignName", definition.name(), "items", String.valueOf(to.items()), "deadline", Mailer.utcMinute(c.getStageDeadline()),
                "realmName", Notice.realmName(realm)));
        String webhook = null;
        if (definition.notifications().webhook() != null) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("event", due.kind().event);
            body.put("realm", realm.getName());
            body.put("campaign_id", c.getId());
            body.put("definition_id", c.getDefinitionId());
            body.put("stage", c.getStage());
            body.put("point", due.point());
            body.put("reviewer", reviewer == null ? to.reviewerId() : reviewer.getUsername());
            body.put("items", to.items());
            body.put("deadline", deadline);
            webhook = Webhook.post(session, definition.notifications().webhook(), body);
        }
        notices.record(c.getId(), c.getStage(), due, to, email, webhook, now);
        return email;
    }
}
