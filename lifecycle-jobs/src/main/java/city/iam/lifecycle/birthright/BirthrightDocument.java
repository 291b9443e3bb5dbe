package city.iam.lifecycle.birthright;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The joiner/mover policy as JSON (LJ-32, LJ-33): rules that give groups, roles and first-login required
 * actions to users by attribute, the grace before access a user no longer qualifies for is removed, and the
 * attribute holding a start date before which the account stays disabled.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BirthrightDocument(@JsonProperty("rules") List<Rule> rules,
                                 @JsonProperty("mover_grace") String moverGrace,
                                 @JsonProperty("start_date_attribute") String startDateAttribute,
                                 @JsonProperty("version") Integer version,
                                 @JsonProperty("updated_at") String updatedAt) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Rule(@JsonProperty("id") String id,
                       @JsonProperty("when") Condition when,
                       @JsonProperty("groups") List<String> groups,
                       @JsonProperty("realm_roles") List<String> realmRoles,
                       @JsonProperty("client_roles") List<ClientRole> clientRoles,
                       @JsonProperty("required_actions") List<String> requiredActions) {
    }

    /** Matches when the user attribute has one of the values (case ignored). */
    public record Condition(@JsonProperty("attribute") String attribute, @JsonProperty("in") List<String> in) {
    }

    public record ClientRole(@JsonProperty("client") String client, @JsonProperty("role") String role) {
    }
}
