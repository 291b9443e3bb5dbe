package city.iam.lifecycle.attestation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A client as its owner sees it in {@code my-clients}: what it is, where it stands in the cadence. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OwnedClientView(@JsonProperty("client_id") String clientId,
                              @JsonProperty("name") String name,
                              @JsonProperty("service_account") boolean serviceAccount,
                              @JsonProperty("enabled") boolean enabled,
                              @JsonProperty("owner_since") String ownerSince,
                              @JsonProperty("last_attestation") AttestationView lastAttestation,
                              @JsonProperty("due_at") String dueAt,
                              @JsonProperty("overdue") boolean overdue) {
}
