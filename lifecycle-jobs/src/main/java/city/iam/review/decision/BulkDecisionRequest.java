package city.iam.review.decision;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/** {@code POST .../items/decisions}: one decision, with one comment, for several items of the caller. */
public record BulkDecisionRequest(@JsonProperty("item_ids") List<String> itemIds,
                                  @JsonProperty("decision") String decision,
                                  @JsonProperty("comment") String comment) {
}
