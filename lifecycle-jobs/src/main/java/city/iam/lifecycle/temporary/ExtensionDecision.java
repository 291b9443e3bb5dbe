package city.iam.lifecycle.temporary;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /realms/{realm}/lifecycle/extension-requests/{id}/decision {"decision": "approve|deny", "comment": "…"}}. */
public record ExtensionDecision(@JsonProperty("decision") String decision, @JsonProperty("comment") String comment) {
}
