package city.iam.lifecycle.temporary;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST .../lifecycle/temporary-grants}: the user (id or username), exactly one of {@code realm_role},
 * {@code client_role} with {@code client}, or {@code group} (a path), when it ends ({@code until}, an instant,
 * or {@code duration}, ISO-8601) and why.
 */
public record TemporaryGrantRequest(@JsonProperty("user") String user,
                                    @JsonProperty("realm_role") String realmRole,
                                    @JsonProperty("client") String client,
                                    @JsonProperty("client_role") String clientRole,
                                    @JsonProperty("group") String group,
                                    @JsonProperty("until") String until,
                                    @JsonProperty("duration") String duration,
                                    @JsonProperty("reason") String reason) {
}
