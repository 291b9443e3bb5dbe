package city.iam.lifecycle.attestation;

import city.iam.lifecycle.jpa.AttestationEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** One attestation as owners and admins see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttestationView(@JsonProperty("id") String id,
                              @JsonProperty("client_id") String clientId,
                              @JsonProperty("owner") String owner,
                              @JsonProperty("still_needed") boolean stillNeeded,
                              @JsonProperty("comment") String comment,
                              @JsonProperty("outcome") String outcome,
                              @JsonProperty("attested_at") String attestedAt,
                              @JsonProperty("next_due_at") String nextDueAt) {

    public static AttestationView of(AttestationEntity a) {
        return a == null ? null : new AttestationView(a.getId(), a.getClientId(), a.getOwnerName(), a.isStillNeeded(), a.getComment(),
                a.getOutcome(), Instant.ofEpochMilli(a.getAttestedAt()).toString(),
                a.getNextDueAt() == null ? null : Instant.ofEpochMilli(a.getNextDueAt()).toString());
    }
}
