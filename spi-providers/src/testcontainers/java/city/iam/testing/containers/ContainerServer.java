package city.iam.testing.containers;

import city.iam.testing.TestDatabase;
import city.iam.testing.TestServer;
import dasniko.testcontainers.keycloak.KeycloakContainer;

import java.io.File;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The opt-in alternative to {@code KeycloakDistribution} for CI that has Docker ({@code -Ptestcontainers}):
 * the official Keycloak image with the same provider jars. The container's H2 is not reachable from the
 * test JVM, so {@link #database()} is empty and the few tests that tamper with rows directly are skipped.
 */
public final class ContainerServer implements TestServer {

    private final KeycloakContainer container;

    private ContainerServer(KeycloakContainer container) {
        this.container = container;
    }

    public static ContainerServer start() {
        File[] jars = new File(System.getProperty("cityiam.test.providers")).listFiles((d, n) -> n.endsWith(".jar"));
        List<File> providers = jars == null ? List.of() : Arrays.asList(jars);
        KeycloakContainer container = new KeycloakContainer("quay.io/keycloak/keycloak:" + System.getProperty("cityiam.keycloak.version", "26.7.3"))
                .withAdminUsername("admin")
                .withAdminPassword("admin")
                .withProviderLibsFrom(providers)
                .withEnv("KC_SPI_REALM_RESTAPI_EXTENSION__CITY_IAM__TEST_CLOCK_ENABLED", System.getProperty("cityiam.test.clock", "true"));
        container.start();
        return new ContainerServer(container);
    }

    @Override
    public String baseUrl() {
        String url = container.getAuthServerUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    @Override
    public Optional<TestDatabase> database() {
        return Optional.empty();
    }

    @Override
    public String log() {
        return container.getLogs();
    }

    @Override
    public void close() {
        container.stop();
    }
}
