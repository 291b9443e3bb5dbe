package city.iam.lifecycle.temporary;

import city.iam.lifecycle.jpa.ExtensionRequestEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** An extension request as the grantee, the owner and admins see it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExtensionRequestView(@JsonProperty("id") String id,
                                   @JsonProperty("grant_id") String grantId,
                                   @JsonProperty("user_id") String userId,
                                   @JsonProperty("username") String username,
                                   @JsonProperty("target") String target,
                                   @JsonProperty("current_expires_at") String currentExpiresAt,
                                   @JsonProperty("requested_until") String requestedUntil,
                                   @JsonProperty("reason") String reason,
                                   @JsonProperty("status") String status,
                                   @JsonProperty("requested_at") String requestedAt,
                                   @JsonProperty("owner_email") String ownerEmail,
                                   @JsonProperty("decided_by") String decidedBy,
                                   @JsonProperty("decided_at") String decidedAt,
                                   @JsonProperty("comment") String comment) {

    public static ExtensionRequestView of(ExtensionRequestEntity e) {
        return new ExtensionRequestView(e.getId(), e.getGrantId(), e.getUserId(), e.getUsername(), e.getTargetName(),
                iso(e.getCurrentExpiresAt()), iso(e.getRequestedUntil()), e.getReason(), e.getStatus(), iso(e.getRequestedAt()),
                e.getOwnerEmail(), e.getDecidedBy(), iso(e.getDecidedAt()), e.getDecisionComment());
    }

    private static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
