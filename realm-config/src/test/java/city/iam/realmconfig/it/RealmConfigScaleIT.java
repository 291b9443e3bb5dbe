package city.iam.realmconfig.it;

import city.iam.realmconfig.TestDirs;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 9 performance: plan and apply of 1 000 datasets, 200 agreements, 50 organisations and 20 enrollment
 * groups (plus one trust anchor and the inactivity policy). Records the times in
 * target/realm-config-scale.txt for docs/performance.md; like every benchmark here it does not fail on time,
 * only on correctness (all created, a second apply changes nothing). Opt-in, like the other harnesses:
 * {@code -Dcityiam.bench.realm-config=true}.
 */
@ExtendWith(KeycloakServerExtension.class)
class RealmConfigScaleIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final int DATASETS = 1_000;
    static final int AGREEMENTS = 200;
    static final int ORGANIZATIONS = 50;
    static final int GROUPS = 20;

    @TempDir
    Path tmp;

    @Test
    void planAndApplyAThousandDatasets(TestServer server) throws IOException {
        assumeTrue(Boolean.getBoolean("cityiam.bench.realm-config"), "benchmark: set -Dcityiam.bench.realm-config=true");
        ConfigRealm realm = ConfigRealm.create(server, "scale");
        Path dir = directory(tmp.resolve("scale"));

        long t0 = System.nanoTime();
        ConfigRealm.Run first = realm.tool("apply", dir.toString());
        long applyMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, first.code(), first::toString);
        int total = DATASETS + AGREEMENTS + ORGANIZATIONS + GROUPS + 2;
        assertTrue(first.out().contains("Plan: " + total + " to create, 0 to update, 0 to delete."), first::toString);

        long t1 = System.nanoTime();
        ConfigRealm.Run second = realm.tool("apply", dir.toString());
        long secondMs = (System.nanoTime() - t1) / 1_000_000;
        assertEquals(0, second.code(), second::toString);
        assertTrue(second.out().contains("No changes"), second::toString);

        var bundle = realm.get("/datasets/export");
        assertEquals(DATASETS, bundle.get("datasets").size());
        assertEquals(AGREEMENTS, bundle.get("agreements").size());
        assertEquals(GROUPS, realm.get("/device-identity/groups").size());

        String record = "realm-config scale run: " + DATASETS + " datasets, " + AGREEMENTS + " agreements, " + ORGANIZATIONS
                + " organisations, " + GROUPS + " enrollment groups, 1 trust anchor, 1 inactivity policy\n"
                + "  first apply (validate + plan + apply, empty realm): " + applyMs + " ms  [" + line(first.out(), "planned in")
                + "; " + line(first.out(), "Applied") + "]\n"
                + first.out().lines().filter(l -> l.contains("created or updated in")).map(l -> "  " + l.trim() + "\n")
                        .collect(java.util.stream.Collectors.joining())
                + "  second apply (validate + plan, no changes): " + secondMs + " ms  [" + line(second.out(), "planned in") + "]\n"
                + "  JDK " + System.getProperty("java.version") + ", " + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + String.format("%.1f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()) + "\n";
        System.out.println(record);
        Files.writeString(Path.of("target", "realm-config-scale.txt"), record);
    }

    private static String line(String out, String containing) {
        return out.lines().filter(l -> l.contains(containing)).findFirst().orElse("").trim();
    }

    private static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        ObjectNode orgs = file(true);
        ArrayNode o = orgs.putArray("organizations");
        for (int i = 0; i < ORGANIZATIONS; i++) {
            ObjectNode org = o.addObject().put("alias", org(i)).put("name", "Organisation " + i);
            org.putArray("domains").addObject().put("name", org(i) + ".example").put("verified", false);
            org.putObject("attributes").putArray("stakeholderType").add(i % 2 == 0 ? "utility" : "research");
        }
        write(dir, "organizations.json", orgs);

        ObjectNode datasets = file(true);
        ArrayNode d = datasets.putArray("datasets");
        for (int i = 0; i < DATASETS; i++) {
            ObjectNode ds = d.addObject().put("name", dataset(i)).put("display_name", "Dataset " + i).put("sensitivity", "quasi-sensitive")
                    .put("owner_organization", org(i % ORGANIZATIONS));
            ds.putArray("allowed_purposes").add("energy-planning");
            ds.putArray("allowed_organizations").add(org((i + 1) % ORGANIZATIONS));
        }
        write(dir, "datasets.json", datasets);

        ObjectNode agreements = file(true);
        ArrayNode a = agreements.putArray("agreements");
        for (int i = 0; i < AGREEMENTS; i++) {
            ObjectNode ag = a.addObject().put("id", "AG-" + i).put("name", "Agreement " + i);
            ag.putArray("parties").add(org((i + 1) % ORGANIZATIONS));
            ag.putArray("datasets").add(dataset(i));
            ag.putArray("purposes").add("energy-planning");
            ag.put("not_before", "2026-01-01T00:00:00Z").put("not_on_or_after", "2030-01-01T00:00:00Z");
        }
        write(dir, "agreements.json", agreements);

        Files.copy(TestDirs.reference().resolve("trust-anchors.json"), dir.resolve("trust-anchors.json"));
        Files.copy(TestDirs.reference().resolve("inactivity-policy.json"), dir.resolve("inactivity-policy.json"));
        String pin = JSON.readTree(dir.resolve("trust-anchors.json").toFile()).get("trust_anchors").get(0).get("pin").asText();
        ObjectNode groups = file(true);
        ArrayNode g = groups.putArray("enrollment_groups");
        for (int i = 0; i < GROUPS; i++) {
            ObjectNode grp = g.addObject().put("name", "sensors-" + i).put("serial_pattern", "S" + i + "-[0-9]{6}").put("quota", 1000);
            grp.putArray("anchors").add(pin);
            grp.putArray("evidence_types").add("eat");
        }
        write(dir, "enrollment-groups.json", groups);
        return dir;
    }

    private static ObjectNode file(boolean fullyManaged) {
        return JSON.createObjectNode().put("fully_managed", fullyManaged);
    }

    private static void write(Path dir, String name, ObjectNode content) throws IOException {
        Files.writeString(dir.resolve(name), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(content));
    }

    private static String org(int i) {
        return String.format("org-%02d", i);
    }

    private static String dataset(int i) {
        return String.format("ds-%04d", i);
    }
}
