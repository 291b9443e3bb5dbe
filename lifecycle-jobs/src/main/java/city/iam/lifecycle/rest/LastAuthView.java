package city.iam.lifecycle.rest;

import city.iam.lifecycle.jpa.ClientAuthEntity;
import city.iam.lifecycle.jpa.UserAuthEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A last authentication as the admin API shows it; {@code last_authentication_at} is null for never. */
@JsonInclude(JsonInclude.Include.ALWAYS)
record LastAuthView(@JsonProperty("user_id") String userId,
                    @JsonProperty("client_id") String clientId,
                    @JsonProperty("last_authentication_at") String at,
                    @JsonProperty("event_type") String eventType,
                    @JsonProperty("identity_provider") String identityProvider) {

    static LastAuthView of(String userId, UserAuthEntity e) {
        return e == null ? new LastAuthView(userId, null, null, null, null)
                : new LastAuthView(userId, e.getClientId(), Instant.ofEpochMilli(e.getLastAuthAt()).toString(), e.getEventType(),
                e.getIdentityProvider());
    }

    static LastAuthView of(ClientAuthEntity e) {
        return new LastAuthView(e.getUserId(), e.getClientId(), Instant.ofEpochMilli(e.getLastAuthAt()).toString(), e.getEventType(), null);
    }
}
