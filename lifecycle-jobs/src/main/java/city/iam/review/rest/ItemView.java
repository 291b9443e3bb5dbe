package city.iam.review.rest;

import city.iam.review.jpa.ItemEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** A review item as the reviewer and admin APIs show it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ItemView(@JsonProperty("id") String id,
                       @JsonProperty("campaign_id") String campaignId,
                       @JsonProperty("version") int version,
                       @JsonProperty("user_id") String userId,
                       @JsonProperty("username") String username,
                       @JsonProperty("access_type") String accessType,
                       @JsonProperty("access") String access,
                       @JsonProperty("grant_kind") String grantKind,
                       @JsonProperty("grant_path") String grantPath,
                       @JsonProperty("privileged") boolean privileged,
                       @JsonProperty("recommendation") String recommendation,
                       @JsonProperty("recommendation_reasons") List<String> recommendationReasons,
                       @JsonProperty("stage") int stage,
                       @JsonProperty("reviewer_id") String reviewerId,
                       @JsonProperty("reviewer_source") String reviewerSource,
                       @JsonProperty("decision") String decision,
                       @JsonProperty("comment") String comment,
                       @JsonProperty("decided_by") String decidedBy,
                       @JsonProperty("decided_at") String decidedAt,
                       @JsonProperty("exception_until") String exceptionUntil,
                       @JsonProperty("reduce_to") String reduceTo,
                       @JsonProperty("outcome") String outcome,
                       @JsonProperty("outcome_reason") String outcomeReason,
                       @JsonProperty("remediation") String remediation,
                       @JsonProperty("remediation_reason") String remediationReason,
                       @JsonProperty("remediated_at") String remediatedAt) {

    public static ItemView of(ItemEntity i) {
        return new ItemView(i.getId(), i.getCampaignId(), i.getVersion(), i.getUserId(), i.getUsername(), i.getAccessType(),
                i.getAccessName(), i.getGrantKind(), i.getGrantPath(), i.isPrivileged(), i.getRecommendation(),
                i.getRecommendationReasons() == null ? List.of() : Arrays.asList(i.getRecommendationReasons().split("; ")),
                i.getStage(), i.getReviewerId(), i.getReviewerSource(), i.getDecision(), i.getComment(), i.getDecidedBy(),
                iso(i.getDecidedAt()), iso(i.getExceptionUntil()), i.getReduceTo(), i.getOutcome(), i.getOutcomeReason(), i.getRemediation(),
                i.getRemediationReason(), iso(i.getRemediatedAt()));
    }

    static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
