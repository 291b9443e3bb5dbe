package city.iam.kernel.rest;

import city.iam.kernel.info.StatelessFactory;
import city.iam.kernel.info.Versions;
import city.iam.kernel.time.TestClockResource;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.List;
import java.util.Map;

/**
 * {@code /realms/{realm}/city-iam}: realm-facing kernel endpoints: the console's static pages, and the test clock,
 * which exists only when the server is started with {@code --spi-realm-restapi-extension--city-iam--test-clock-enabled=true}.
 */
public class CityIamRealmResourceFactory implements RealmResourceProviderFactory, StatelessFactory<RealmResourceProvider> {

    public static final String ID = "city-iam";

    private boolean testClockEnabled;

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new Provider(session, testClockEnabled);
    }

    @Override
    public void init(Config.Scope config) {
        testClockEnabled = config.getBoolean("test-clock-enabled", false);
    }



    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("test-clock-enabled").type(ProviderConfigProperty.BOOLEAN_TYPE)
                .helpText("Expose /realms/{realm}/city-iam/test-clock to move the server clock. Tests only; never in production.")
                .defaultValue(false).add()
                .build();
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Map.of("city-iam-version", Versions.suite(), "test-clock-enabled", String.valueOf(testClockEnabled));
    }

    public record Provider(KeycloakSession session, boolean testClockEnabled) implements RealmResourceProvider {

        @Override
        public Object getResource() {
            return new Root(session, testClockEnabled);
        }

        @Override
        public void close() {
        }
    }

    public static class Root {
        private final KeycloakSession session;
        private final boolean testClockEnabled;

        Root(KeycloakSession session, boolean testClockEnabled) {
            this.session = session;
            this.testClockEnabled = testClockEnabled;
        }

        @Path("console")
        public city.iam.console.ConsoleResource console() {
            return new city.iam.console.ConsoleResource();
        }

        @Path("test-clock")
        public TestClockResource testClock() {
            if (!testClockEnabled) {
                throw new NotFoundException();
            }
            return new TestClockResource(session, session.getContext().getRealm());
        }
    }
}
