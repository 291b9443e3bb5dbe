package city.iam.review.rest;

import city.iam.review.jpa.CampaignEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A campaign as the admin API shows it (the definition copy is in the report). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CampaignView(@JsonProperty("id") String id,
                           @JsonProperty("definition_id") String definitionId,
                           @JsonProperty("definition_version") int definitionVersion,
                           @JsonProperty("status") String status,
                           @JsonProperty("stage") int stage,
                           @JsonProperty("stage_count") int stageCount,
                           @JsonProperty("stage_deadline") String stageDeadline,
                           @JsonProperty("created_at") String createdAt,
                           @JsonProperty("closed_at") String closedAt,
                           @JsonProperty("triggered_by") String triggeredBy,
                           @JsonProperty("period") String period,
                           @JsonProperty("item_count") long itemCount,
                           @JsonProperty("snapshot_hash") String snapshotHash) {

    public static CampaignView of(CampaignEntity c) {
        return new CampaignView(c.getId(), c.getDefinitionId(), c.getDefinitionVersion(), c.getStatus(), c.getStage(), c.getStageCount(),
                ItemView.iso(c.getStageDeadline()), ItemView.iso(c.getCreatedAt()), ItemView.iso(c.getClosedAt()), c.getTriggeredBy(),
                c.getPeriodKey(), c.getItemCount(), c.getSnapshotHash());
    }
}
