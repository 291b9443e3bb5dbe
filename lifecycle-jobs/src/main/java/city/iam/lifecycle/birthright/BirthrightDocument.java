package city.iam.lifecycle.birthright;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The joiner/mover policy as JSON (LJ-32, LJ-33): rules that give groups, roles and first-login required
 * actions to users by attribute or by organisation membership, the grace before access a user no longer qualifies for is removed, and the
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

    /**
     * Either an attribute rule, matching when the user attribute has one of the values (case ignored), or an
     * organisation rule, matching while the user is a member of the Keycloak organisation with that alias.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Condition(@JsonProperty("attribute") String attribute, @JsonProperty("in") List<String> in,
                            @JsonProperty("organization") String organization) {

        public Condition(String attribute, List<String> in) {
            this(attribute, in, null);
        }

        public static Condition memberOf(String organization) {
            return new Condition(null, null, organization);
        }

        public boolean byOrganization() {
            return organization != null;
        }
    }

    public record ClientRole(@JsonProperty("client") String client, @JsonProperty("role") String role) {
    }
}
