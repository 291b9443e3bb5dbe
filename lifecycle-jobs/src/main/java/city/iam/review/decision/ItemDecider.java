package city.iam.review.decision;

import city.iam.kernel.access.Caller;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.review.campaign.CampaignLauncher;
import city.iam.review.campaign.Campaigns;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import city.iam.review.remediation.StageCloser;
import city.iam.review.sod.SodScan;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.OptimisticLockException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.time.Instant;

/**
 * Records a reviewer's decision on an item assigned to them. Refuses, changing nothing: an item of someone
 * else (403), one's own access (403), a stage that is closed or past its deadline (409), a stale version or a
 * concurrent decision (409), and whatever {@link DecisionRules} refuses (400). Each decision, changed ones
 * included, is an audit entry naming the reviewer and their acr.
 */
public final class ItemDecider {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Campaigns campaigns;

    public ItemDecider(KeycloakSession session, RealmModel realm, Campaigns campaigns) {
        this.session = session;
        this.realm = realm;
        this.campaigns = campaigns;
    }

    public ItemEntity decide(Caller caller, String itemId, DecisionRequest request, Instant now) {
        ItemEntity item = campaigns.item(itemId).orElseThrow(() ->
                CityIamException.notFound("item_not_found", "There is no review item " + itemId + " in this realm."));
        if (!caller.id().equals(item.getReviewerId())) {
            throw new CityIamException(403, "not_your_item", "Review item " + itemId + " is not assigned to you.");
        }
        if (caller.id().equals(item.getUserId())) {
            throw new CityIamException(403, "self_review", "Nobody reviews their own access.");
        }
        CampaignEntity campaign = campaigns.require(item.getCampaignId());
        if (CampaignLauncher.LAUNCHING.equals(campaign.getStatus())) {
            throw CityIamException.conflict("campaign_launching", "The campaign of item " + itemId + " is still being launched.");
        }
        if (!Campaigns.OPEN.equals(campaign.getStatus()) || item.getOutcome() != null || item.getStage() != campaign.getStage()
                || now.toEpochMilli() >= campaign.getStageDeadline()) {
            throw CityIamException.conflict("stage_closed", "The review stage of item " + itemId + " is closed; decisions are final.");
        }
        ReviewDefinition definition = StageCloser.definition(campaign);
        DecisionRules.Valid valid = DecisionRules.check(request, definition.comments(), item.getRecommendation(), now);
        if (valid.decision() == Decision.ACCEPT && campaign.getTriggeredBy() != null && campaign.getTriggeredBy().startsWith(SodScan.TRIGGER)) {
            throw CityIamException.badRequest("sod_accept_refused", "Item " + itemId + " is an SoD conflict: remove it (REVOKE, REDUCE) or keep"
                    + " it for a limited time (EXCEPTION_UNTIL); it cannot be accepted.");
        }
        if (request.version() != null && request.version() != item.getVersion()) {
            throw CityIamException.conflict("version_conflict", "Item " + itemId + " changed since version " + request.version()
                    + " (now " + item.getVersion() + "); reload it and decide again.");
        }
        String previous = item.getDecision();
        ObjectNode facts = AuditRecord.facts("campaign_id", campaign.getId(), "user_id", item.getUserId(), "access", item.getAccessName(),
                "grant_path", item.getGrantPath(), "decision", valid.decision().name(), "recommendation", item.getRecommendation());
        facts.put("stage", item.getStage());
        if (previous != null) {
            facts.put("previous_decision", previous);
        }
        if (valid.comment() != null) {
            facts.put("comment", valid.comment());
        }
        if (valid.decision() == Decision.REASSIGN) {
            UserModel target = session.users().getUserByUsername(realm, valid.reassignTo());
            if (target == null || !target.isEnabled()) {
                throw CityIamException.badRequest("unknown_user", "reassign_to names no enabled user of this realm: '" + valid.reassignTo() + "'.");
            }
            if (target.getId().equals(item.getUserId()) || target.getId().equals(caller.id())) {
                throw CityIamException.badRequest("invalid_reassign", "An item cannot be reassigned to its subject or to yourself.");
            }
            item.setReviewerId(target.getId());
            item.setReviewerSource("reassigned:" + caller.name());
            item.clearDecision();
            facts.put("reassigned_to", target.getId());
        } else {
            item.setDecision(valid.decision().name());
            item.setComment(valid.comment());
            item.setDecidedBy(caller.id());
            item.setDecidedAt(now.toEpochMilli());
            item.setExceptionUntil(valid.until() == null ? null : valid.until().toEpochMilli());
            if (valid.until() != null) {
                facts.put("until", valid.until().toString());
            }
            RoleModel kept = valid.reduceTo() == null ? null : NarrowerRole.resolve(session, realm, item, valid.reduceTo());
            item.setReduceToId(kept == null ? null : kept.getId());
            item.setReduceTo(kept == null ? null : NarrowerRole.describe(kept));
            if (kept != null) {
                facts.put("reduce_to", item.getReduceTo());
            }
        }
        try {
            // Flushed here so a concurrent decision on the same item fails on the version, inside our error handling.
            campaigns.em().flush();
        } catch (OptimisticLockException e) {
            throw CityIamException.conflict("version_conflict", "Item " + itemId + " was decided concurrently; reload it and decide again.");
        }
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.of(caller), "review.item.decided", item.getId(), facts));
        return item;
    }
}
