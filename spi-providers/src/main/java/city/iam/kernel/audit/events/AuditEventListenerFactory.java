package city.iam.kernel.audit.events;

import city.iam.kernel.info.StatelessFactory;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Event listener {@value #ID}: enable it on a realm ("Events" → "Event listeners") to chain its admin events
 * and security-relevant user events into the audit log.
 */
public class AuditEventListenerFactory implements EventListenerProviderFactory, StatelessFactory<EventListenerProvider> {

    public static final String ID = "city-iam-audit";
    static final String DEFAULT_USER_EVENTS = "UPDATE_PASSWORD,UPDATE_CREDENTIAL,REMOVE_CREDENTIAL,UPDATE_TOTP,"
            + "REMOVE_TOTP,DELETE_ACCOUNT,UPDATE_EMAIL,FEDERATED_IDENTITY_LINK,REMOVE_FEDERATED_IDENTITY,"
            + "IDENTITY_PROVIDER_LINK_ACCOUNT,GRANT_CONSENT,REVOKE_GRANT,RESET_PASSWORD";

    private Set<String> userEvents;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new AuditEventListener(session, userEvents);
    }

    @Override
    public void init(Config.Scope config) {
        String list = config.get("user-events", DEFAULT_USER_EVENTS);
        userEvents = Set.copyOf(new LinkedHashSet<>(Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()));
    }



    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("user-events").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("User event types chained into the audit log when a realm does not set city-iam.audit.user-events")
                .defaultValue(DEFAULT_USER_EVENTS).add()
                .build();
    }

}
