package city.iam.review.rest;

import city.iam.kernel.json.Json;
import city.iam.review.campaign.Campaigns;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The evidence of one campaign: the definition version it ran with, the snapshot hash, and every item with its
 * reviewer, decision and justification, outcome and verified remediation result; as JSON or as CSV. Items are
 * read in keyset pages; reviewer names are looked up once each.
 */
final class CampaignReport {

    static final List<String> COLUMNS = List.of("item_id", "username", "user_id", "access_type", "access", "grant_path", "privileged",
            "recommendation", "recommendation_reasons", "stage", "reviewer", "reviewer_source", "decision", "justification", "decided_at",
            "exception_until", "reduce_to", "outcome", "outcome_reason", "remediation", "verification", "applied_at");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Campaigns campaigns;
    private final Map<String, String> names = new HashMap<>();

    CampaignReport(KeycloakSession session, RealmModel realm, Campaigns campaigns) {
        this.session = session;
        this.realm = realm;
        this.campaigns = campaigns;
    }

    ObjectNode json(CampaignEntity c) {
        ObjectNode report = Json.MAPPER.createObjectNode();
        report.set("campaign", Json.MAPPER.valueToTree(CampaignView.of(c)));
        report.set("definition", Json.tree(c.getDefinitionJson()));
        Map<String, Long> outcomes = new TreeMap<>();
        Map<String, Long> remediation = new TreeMap<>();
        ArrayNode items = report.putArray("items");
        each(c, i -> {
            outcomes.merge(i.getOutcome() == null ? "OPEN" : i.getOutcome(), 1L, Long::sum);
            if (i.getRemediation() != null) {
                remediation.merge(i.getRemediation(), 1L, Long::sum);
            }
            ObjectNode item = Json.MAPPER.valueToTree(ItemView.of(i));
            item.put("reviewer", name(i.getReviewerId()));
            items.add(item);
        });
        ObjectNode summary = report.putObject("summary");
        summary.set("outcomes", Json.MAPPER.valueToTree(outcomes));
        summary.set("remediation", Json.MAPPER.valueToTree(remediation));
        return report;
    }

    String csv(CampaignEntity c) {
        CsvReport csv = new CsvReport().row(COLUMNS);
        each(c, i -> csv.row(java.util.Arrays.asList(i.getId(), i.getUsername(), i.getUserId(), i.getAccessType(), i.getAccessName(),
                i.getGrantPath(), String.valueOf(i.isPrivileged()), i.getRecommendation(), i.getRecommendationReasons(),
                String.valueOf(i.getStage()), name(i.getReviewerId()), i.getReviewerSource(), i.getDecision(), i.getComment(),
                ItemView.iso(i.getDecidedAt()), ItemView.iso(i.getExceptionUntil()), i.getReduceTo(), i.getOutcome(), i.getOutcomeReason(),
                i.getRemediation(), i.getRemediationReason(), ItemView.iso(i.getRemediatedAt()))));
        return csv.toString();
    }

    private void each(CampaignEntity c, Consumer<ItemEntity> action) {
        campaigns.eachItem(c.getId(), action);
    }

    private String name(String userId) {
        if (userId == null) {
            return null;
        }
        return names.computeIfAbsent(userId, id -> {
            UserModel u = session.users().getUserById(realm, id);
            return u == null ? id : u.getUsername();
        });
    }
}
