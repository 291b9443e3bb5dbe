package city.iam.lifecycle.temporary;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /realms/{realm}/lifecycle/my-temporary-grants/{id}/extension {"until": "<instant>", "reason": "…"}}. */
public record ExtensionRequest(@JsonProperty("until") String until, @JsonProperty("reason") String reason) {
}
