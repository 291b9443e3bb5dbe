package city.iam.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one Keycloak per test JVM (per module) on first use and stops it when the whole run ends; test
 * classes receive it as a {@link TestServer} parameter. {@code -Dcityiam.test.server=testcontainers} (the
 * {@code testcontainers} Maven profile) runs the same tests on Testcontainers-Keycloak instead.
 */
public class KeycloakServerExtension implements BeforeAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(KeycloakServerExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        server(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return TestServer.class.isAssignableFrom(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return server(context);
    }

    static TestServer server(ExtensionContext context) {
        return context.getRoot().getStore(NS).getOrComputeIfAbsent(TestServer.class, k -> create(), TestServer.class);
    }

    private static TestServer create() {
        String kind = System.getProperty("cityiam.test.server", "distribution");
        if (kind.equals("testcontainers")) {
            try {
                return (TestServer) Class.forName("city.iam.testing.containers.ContainerServer")
                        .getMethod("start").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Testcontainers server unavailable: build with -Ptestcontainers", e);
            }
        }
        return KeycloakDistribution.start(ServerConfig.fromSystemProperties());
    }
}
