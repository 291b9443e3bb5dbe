package city.iam.lifecycle.tracker;

import city.iam.kernel.info.Versions;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Event listener {@value #ID}: add it to a realm's event listeners to track last authentications. Owns the
 * node's writer thread.
 */
public class LastAuthListenerFactory implements EventListenerProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "city-iam-last-auth";

    private Duration granularity;
    private int queue;
    private LastAuthWriter writer;

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new LastAuthListener(session, writer);
    }

    @Override
    public void init(Config.Scope config) {
        granularity = Duration.ofSeconds(config.getInt("granularity-seconds", 60));
        queue = config.getInt("queue", 10_000);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        writer = new LastAuthWriter(factory, granularity, queue);
    }

    @Override
    public void close() {
        if (writer != null) {
            writer.stop();
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("granularity-seconds").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("A node skips writing a user's (and user x client's) last authentication again within this many seconds.")
                .defaultValue(60).add()
                .property().name("queue").type(ProviderConfigProperty.INTEGER_TYPE)
                .helpText("Pending writes per node; beyond it writes are dropped rather than slowing logins.")
                .defaultValue(10_000).add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        Map<String, String> info = new java.util.HashMap<>(Versions.info());
        info.put("granularity-seconds", String.valueOf(granularity.toSeconds()));
        info.put("dropped-writes", String.valueOf(writer == null ? 0 : writer.dropped()));
        return info;
    }
}
