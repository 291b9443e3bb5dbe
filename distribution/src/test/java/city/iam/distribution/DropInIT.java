package city.iam.distribution;

import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operator path: a plain Keycloak 26.7.3 with only the all-in-one jar in providers/, then
 * {@code kc.sh build} and start (the harness runs both because cityiam.test.build=true here).
 */
@ExtendWith(KeycloakServerExtension.class)
class DropInIT {

    @Test
    void startsCleanlyWithOurProvidersListed(TestServer server) {
        String log = server.log();
        assertTrue(log.contains("Server configuration updated and persisted"), "kc.sh build ran first");
        assertTrue(log.contains("Keycloak 26.7.3"), "started");
        List<String> errors = log.lines().filter(l -> l.contains(" ERROR ")).toList();
        assertEquals(List.of(), errors, "no errors in the server log");

        JsonNode providers = server.http().get("/admin/serverinfo", server.masterToken()).json().get("providers");
        assertTrue(providers.path("eventsListener").path("providers").has("city-iam-audit"));
        assertTrue(providers.path("admin-realm-restapi-extension").path("providers").has("city-iam"));
        assertTrue(providers.path("realm-restapi-extension").path("providers").has("city-iam"));
        assertTrue(providers.path("admin-realm-restapi-extension").path("providers").has("device-identity"));
        assertTrue(providers.path("realm-restapi-extension").path("providers").has("device-identity"));
        JsonNode themes = server.http().get("/admin/serverinfo", server.masterToken()).json().path("themes");
        assertTrue(themes.path("login").toString().contains("\"city\""), "city login theme listed");
        assertTrue(themes.path("email").toString().contains("\"city\""), "city email theme listed");
    }

    @Test
    void testClockDoesNotExistUnlessEnabled(TestServer server) {
        assertEquals(404, server.http().get("/realms/city/city-iam/test-clock", server.masterToken()).status());
    }

    @Test
    void allInOneJarShadesNimbusAndBundlesNothingTheServerShips() throws IOException {
        Path jar;
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            jar = files.filter(p -> p.getFileName().toString().matches("city-iam-keycloak-.*\\.jar")).findFirst().orElseThrow();
        }
        try (JarFile j = new JarFile(jar.toFile())) {
            List<String> names = j.stream().map(e -> e.getName()).toList();
            assertTrue(names.contains("city/iam/shaded/nimbusds/jose/JWSObject.class"), "Nimbus relocated inside");
            assertTrue(names.contains("city/iam/kernel/audit/ChainVerifier.class"));
            assertTrue(names.contains("META-INF/keycloak-themes.json"));
            assertTrue(names.contains("theme/city/login/theme.properties"));
            for (String forbidden : List.of("com/nimbusds/", "org/bouncycastle/", "com/fasterxml/", "org/hibernate/", "liquibase/", "org/keycloak/")) {
                assertFalse(names.stream().anyMatch(n -> n.startsWith(forbidden)), "jar must not contain " + forbidden);
            }
            String services = new String(j.getInputStream(j.getEntry(
                    "META-INF/services/org.keycloak.events.EventListenerProviderFactory")).readAllBytes());
            assertTrue(services.contains("city.iam.kernel.audit.events.AuditEventListenerFactory"));
        }
    }
}
