package city.iam.lifecycle.tracker;

import org.keycloak.events.Details;
import org.keycloak.events.Event;
import org.keycloak.events.EventType;

import java.util.EnumSet;
import java.util.Set;

/**
 * A successful authentication worth tracking, taken from a Keycloak event. Counted: interactive and brokered
 * logins ({@code LOGIN}, {@code IDENTITY_PROVIDER_LOGIN}), token issuance that proves the user is still
 * active ({@code CODE_TO_TOKEN}, {@code REFRESH_TOKEN}, device, CIBA and token exchange) and service-account
 * logins ({@code CLIENT_LOGIN}). Error events and events without a user are ignored.
 */
public record Authentication(String realmId, String userId, String clientId, String type, String identityProvider, long at) {

    public static final Set<EventType> TYPES = EnumSet.of(EventType.LOGIN, EventType.IDENTITY_PROVIDER_LOGIN,
            EventType.CODE_TO_TOKEN, EventType.REFRESH_TOKEN, EventType.CLIENT_LOGIN, EventType.OAUTH2_DEVICE_CODE_TO_TOKEN,
            EventType.AUTHREQID_TO_TOKEN, EventType.TOKEN_EXCHANGE);

    /** The authentication an event records, or null when the event is not one. */
    public static Authentication of(Event event) {
        if (event.getType() == null || !TYPES.contains(event.getType()) || event.getError() != null
                || event.getUserId() == null || event.getRealmId() == null) {
            return null;
        }
        String idp = event.getDetails() == null ? null : event.getDetails().get(Details.IDENTITY_PROVIDER);
        return new Authentication(event.getRealmId(), event.getUserId(), event.getClientId(), event.getType().name(), idp, event.getTime());
    }

    String key() {
        return realmId + '\n' + userId + '\n' + (clientId == null ? "" : clientId);
    }
}
