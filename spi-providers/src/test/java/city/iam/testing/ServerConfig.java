package city.iam.testing;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How a module's test server is started, read from system properties the parent POM's Failsafe configuration
 * sets: {@code cityiam.keycloak.home} (unpacked distribution), {@code cityiam.test.providers} (jars to deploy),
 * {@code cityiam.test.work}, {@code cityiam.test.db} (h2 | postgres | mariadb), {@code cityiam.test.options}
 * (extra kc.sh options, space separated), {@code cityiam.test.import} (realm JSON files to import), 
 * {@code cityiam.test.build} (run {@code kc.sh build} before starting, as an operator would),
 * {@code cityiam.test.clock} (expose the test clock endpoint; default true) and {@code cityiam.test.prepare}
 * (a class whose static {@code List<String> prepare(Path work)} writes files, such as TLS material, before
 * the server starts and returns the extra options that use them).
 */
public record ServerConfig(Path home, Path providers, Path work, String db, List<String> options, Path importDir,
                           boolean buildFirst, boolean testClock, String prepare, String javaHome) {

    public static ServerConfig fromSystemProperties() {
        String opts = System.getProperty("cityiam.test.options", "").trim();
        String importDir = System.getProperty("cityiam.test.import", "").trim();
        return new ServerConfig(
                Path.of(required("cityiam.keycloak.home")),
                Path.of(required("cityiam.test.providers")),
                Path.of(System.getProperty("cityiam.test.work", "target/it-server")),
                System.getProperty("cityiam.test.db", "h2"),
                opts.isEmpty() ? List.of() : new ArrayList<>(Arrays.asList(opts.split("\\s+"))),
                importDir.isEmpty() ? null : Path.of(importDir),
                Boolean.getBoolean("cityiam.test.build"),
                Boolean.parseBoolean(System.getProperty("cityiam.test.clock", "true")),
                System.getProperty("cityiam.test.prepare", "").trim(),
                System.getProperty("cityiam.test.java.home", System.getProperty("java.home")));
    }

    private static String required(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException("System property " + name + " is not set: run integration tests through Maven (./mvnw verify)");
        }
        return v;
    }
}
