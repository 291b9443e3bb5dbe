package city.iam.review.rest;

import city.iam.kernel.json.CanonicalJson;
import city.iam.kernel.json.Json;
import city.iam.review.campaign.Campaigns;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The evidence of one campaign: the definition version it ran with, the snapshot hash, and every item with its
 * reviewer, decision and justification, outcome and verified remediation result; as JSON or as CSV, written to a
 * stream. Items are read in keyset pages (one page in memory at a time); reviewer names are looked up once each.
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

    /**
     * The report as canonical JSON (keys sorted, no spaces: {@code campaign}, {@code definition}, {@code items},
     * {@code summary}), the items written one at a time as they are read.
     */
    void json(CampaignEntity c, Writer out) throws IOException {
        out.write("{\"campaign\":");
        out.write(CanonicalJson.of(CampaignView.of(c)));
        out.write(",\"definition\":");
        out.write(CanonicalJson.of(Json.tree(c.getDefinitionJson())));
        out.write(",\"items\":[");
        Map<String, Long> outcomes = new TreeMap<>();
        Map<String, Long> remediation = new TreeMap<>();
        boolean[] first = {true};
        each(c, i -> {
            outcomes.merge(i.getOutcome() == null ? "OPEN" : i.getOutcome(), 1L, Long::sum);
            if (i.getRemediation() != null) {
                remediation.merge(i.getRemediation(), 1L, Long::sum);
            }
            ObjectNode item = Json.MAPPER.valueToTree(ItemView.of(i));
            item.put("reviewer", name(i.getReviewerId()));
            write(out, (first[0] ? "" : ",") + CanonicalJson.of(item));
            first[0] = false;
        });
        ObjectNode summary = Json.MAPPER.createObjectNode();
        summary.set("outcomes", Json.MAPPER.valueToTree(outcomes));
        summary.set("remediation", Json.MAPPER.valueToTree(remediation));
        out.write("],\"summary\":");
        out.write(CanonicalJson.of(summary));
        out.write('}');
    }

    /** The report as CSV, one row per item, written as the items are read. */
    void csv(CampaignEntity c, Writer out) throws IOException {
        out.write(CsvReport.line(COLUMNS));
        each(c, i -> write(out, CsvReport.line(java.util.Arrays.asList(i.getId(), i.getUsername(), i.getUserId(), i.getAccessType(),
                i.getAccessName(), i.getGrantPath(), String.valueOf(i.isPrivileged()), i.getRecommendation(), i.getRecommendationReasons(),
                String.valueOf(i.getStage()), name(i.getReviewerId()), i.getReviewerSource(), i.getDecision(), i.getComment(),
                ItemView.iso(i.getDecidedAt()), ItemView.iso(i.getExceptionUntil()), i.getReduceTo(), i.getOutcome(), i.getOutcomeReason(),
                i.getRemediation(), i.getRemediationReason(), ItemView.iso(i.getRemediatedAt())))));
    }

    private static void write(Writer out, String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
