package city.iam.review.remediation;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLog;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.json.Json;
import city.iam.review.campaign.Campaigns;
import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ReviewDefinitions;
import city.iam.review.definition.ScopeType;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import city.iam.review.reviewer.Assignment;
import city.iam.review.reviewer.ModelDirectory;
import city.iam.review.reviewer.ReviewerChain;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Closes a campaign's current stage: every open item of the stage moves on or ends (see {@link StageOutcome}),
 * revocations nobody decided are held back by the blast-radius cap and never touch break-glass accounts, and at
 * the last stage the campaign closes and, in AUTO mode, revoked access is removed and verified. Items are read
 * page by page ({@link Campaigns#eachItem}).
 */
public final class StageCloser {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Campaigns campaigns;

    public StageCloser(KeycloakSession session, RealmModel realm, Campaigns campaigns) {
        this.session = session;
        this.realm = realm;
        this.campaigns = campaigns;
    }

    /** What a close did, for the answer and the audit entry. */
    public record Closed(int stage, boolean campaignClosed, long advanced, Map<Outcome, Long> outcomes, long heldBack,
                         Remediation.Summary remediation) {
    }

    public Closed closeStage(String campaignId, Actor actor, long now) {
        CampaignEntity campaign = campaigns.lock(campaignId);
        if (!Campaigns.OPEN.equals(campaign.getStatus())) {
            throw city.iam.kernel.error.CityIamException.conflict("campaign_closed", "Campaign " + campaignId + " is already closed.");
        }
        ReviewDefinition definition = definition(campaign);
        int stage = campaign.getStage();
        boolean last = definition.lastStage(stage);
        ReviewDefinition.StageSpec spec = definition.stage(stage);

        // Pass 1: how many revocations would happen by non-response, for the cap.
        long[] automatic = {0};
        campaigns.eachItem(campaignId, i -> {
            if (open(i, stage)) {
                StageOutcome o = StageOutcome.of(i.getDecision(), last, spec, definition.nonResponse(), i.getRecommendation());
                if (o.automatic() && o.outcome() == Outcome.REVOKE) {
                    automatic[0]++;
                }
            }
        });
        boolean capped = BlastRadius.exceeded(automatic[0], campaign.getItemCount(), definition.maxAutoRevokePercent());
        String heldBackReason = capped ? "no response: revocation held back by the blast-radius cap (" + automatic[0] + " of "
                + campaign.getItemCount() + " items, at most " + definition.maxAutoRevokePercent() + "%)"
                : "no response: break-glass account, not revoked automatically";
        Set<String> breakGlass = breakGlassMembers(definition);

        // Pass 2: apply.
        ReviewerChain chain = last ? null : new ReviewerChain(definition, new ModelDirectory(session, realm));
        Map<Outcome, Long> outcomes = new EnumMap<>(Outcome.class);
        long[] advanced = {0};
        long[] heldBack = {0};
        campaigns.eachItem(campaignId, i -> {
            if (!open(i, stage)) {
                return;
            }
            StageOutcome o = StageOutcome.of(i.getDecision(), last, spec, definition.nonResponse(), i.getRecommendation());
            if (o.advance()) {
                Assignment next = chain.resolve(definition.stage(stage + 1).reviewer(), i.getUserId(),
                        ScopeType.valueOf(i.getAccessType().toUpperCase(java.util.Locale.ROOT)), i.getAccessId());
                i.setStage(stage + 1);
                i.setReviewerId(next.reviewerId());
                i.setReviewerSource(next.source());
                i.clearDecision();
                advanced[0]++;
                return;
            }
            Outcome outcome = o.outcome();
            String reason = o.reason();
            if (o.automatic() && outcome == Outcome.REVOKE && (capped || breakGlass.contains(i.getUserId()))) {
                outcome = Outcome.NO_CHANGE;
                reason = heldBackReason;
                heldBack[0]++;
            }
            i.setOutcome(outcome.name());
            i.setOutcomeReason(reason);
            outcomes.merge(outcome, 1L, Long::sum);
        });

        Remediation.Summary remediation = null;
        if (last) {
            campaign.setStatus(Campaigns.CLOSED);
            campaign.setClosedAt(now);
            remediation = new Remediation(session, realm, campaigns, definition).run(campaign, actor, now);
        } else {
            campaign.setStage(stage + 1);
            campaign.setStageDeadline(now + definition.stage(stage + 1).duration().toMillis());
        }
        Closed closed = new Closed(stage, last, advanced[0], outcomes, heldBack[0], remediation);
        ObjectNode facts = Json.MAPPER.valueToTree(Map.of("stage", stage, "campaign_closed", last, "advanced", advanced[0],
                "held_back", heldBack[0], "blast_radius_exceeded", capped, "automatic_revokes", automatic[0]));
        ObjectNode counts = facts.putObject("outcomes");
        outcomes.forEach((k, v) -> counts.put(k.name(), v));
        if (remediation != null) {
            facts.set("remediation", Json.MAPPER.valueToTree(remediation));
        }
        audit().append(new AuditRecord(actor, "review.stage.closed", campaignId, facts));
        return closed;
    }

    static boolean open(ItemEntity i, int stage) {
        return i.getOutcome() == null && i.getStage() == stage;
    }

    private Set<String> breakGlassMembers(ReviewDefinition definition) {
        Set<String> ids = new HashSet<>();
        if (definition.breakGlassGroup() == null) {
            return ids;
        }
        GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, definition.breakGlassGroup());
        if (group != null) {
            collect(group, ids);
        }
        return ids;
    }

    private void collect(GroupModel group, Set<String> ids) {
        session.users().getGroupMembersStream(realm, group).forEach(u -> ids.add(u.getId()));
        group.getSubGroupsStream().forEach(g -> collect(g, ids));
    }

    public static ReviewDefinition definition(CampaignEntity campaign) {
        return ReviewDefinitions.definition(Json.read(campaign.getDefinitionJson().getBytes(StandardCharsets.UTF_8), DefinitionDocument.class));
    }

    private AuditLog audit() {
        return AuditLogs.of(session, realm);
    }

    static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
