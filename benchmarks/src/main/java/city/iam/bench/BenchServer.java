package city.iam.bench;

import city.iam.testing.KeycloakDistribution;
import city.iam.testing.ServerConfig;

import java.nio.file.Path;
import java.util.List;

/** The server every harness measures: the built distribution with the all-in-one jar, on H2, quiet logs. */
public final class BenchServer {

    private BenchServer() {
    }

    /** @param prepare class preparing TLS material (as in the tests), or "" for none */
    public static KeycloakDistribution start(String name, String prepare) {
        Path root = Path.of(System.getProperty("root", "."));
        Path work = root.resolve("benchmarks/target/" + name);
        System.setProperty("cityiam.test.work", work.toString());
        return KeycloakDistribution.start(new ServerConfig(root.resolve("distribution/target/server/keycloak-26.7.3"),
                root.resolve("distribution/target/dropin"), work, "h2", List.of("--log-level=WARN"), null, false, false,
                prepare, System.getProperty("server.java.home", System.getProperty("java.home"))));
    }
}
