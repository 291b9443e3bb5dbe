package city.iam.realmconfig.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretsTest {

    @TempDir
    Path tmp;

    @Test
    void resolvesEnvironmentAndFileReferencesInsideText() throws Exception {
        Path outside = tmp.resolve("secrets");
        Files.createDirectories(outside);
        Files.writeString(outside.resolve("key"), "file-value\n");
        Secrets secrets = new Secrets(Map.of("A", "env-value")::get, tmp.resolve("config"));
        assertEquals("env-value", secrets.resolve("${env:A}"));
        assertEquals("pre-file-value-post", secrets.resolve("pre-${file:" + outside.resolve("key") + "}-post"));
        assertEquals("no references", secrets.resolve("no references"));
    }

    @Test
    void missingVariablesAndUnreadableFilesAreErrorsThatNameThem() {
        Secrets secrets = new Secrets(Map.<String, String>of()::get, tmp);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> secrets.resolve("${env:MISSING}")).getMessage().contains("MISSING"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> secrets.resolve("${file:/nonexistent/x}")).getMessage()
                .contains("/nonexistent/x"));
    }
}
