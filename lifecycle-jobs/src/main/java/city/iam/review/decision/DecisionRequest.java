package city.iam.review.decision;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST .../items/{id}/decision}. {@code version} is the item version the reviewer saw; when given and
 * no longer current, the decision is refused (409) rather than overwrite one the reviewer has not seen.
 */
public record DecisionRequest(@JsonProperty("decision") String decision,
                              @JsonProperty("comment") String comment,
                              @JsonProperty("until") String until,
                              @JsonProperty("reassign_to") String reassignTo,
                              @JsonProperty("reduce_to") String reduceTo,
                              @JsonProperty("version") Integer version) {
}
