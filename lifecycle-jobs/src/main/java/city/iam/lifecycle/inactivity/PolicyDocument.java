package city.iam.lifecycle.inactivity;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The inactivity policy as JSON, in requests and as stored next to the realm. {@code version} and
 * {@code updated_at} are assigned by the server; a client may send back what it read.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyDocument(@JsonProperty("warn_after") String warnAfter,
                             @JsonProperty("disable_after") String disableAfter,
                             @JsonProperty("delete_after") String deleteAfter,
                             @JsonProperty("final_action") String finalAction,
                             @JsonProperty("never_logged_in_grace") String neverLoggedInGrace,
                             @JsonProperty("exempt_groups") List<String> exemptGroups,
                             @JsonProperty("version") Integer version,
                             @JsonProperty("updated_at") String updatedAt) {
}
