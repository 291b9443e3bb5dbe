package city.iam.realmconfig.load;

import city.iam.realmconfig.TestDirs;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.Problem;
import city.iam.realmconfig.validate.Validator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** YAML files: the same schema and the same objects as JSON; faults say where. */
class YamlFilesTest {

    @TempDir
    Path tmp;

    private DirectoryReader.Result validate(Path dir) {
        return new Validator(Map.<String, String>of()::get).validate(dir);
    }

    @Test
    void yamlDeclaresTheSameObjectsAsJson() {
        Path json = tmp.resolve("json");
        Path yaml = tmp.resolve("yaml");
        json.toFile().mkdirs();
        yaml.toFile().mkdirs();
        TestDirs.write(json, "datasets.json", """
                {"fully_managed": true, "datasets": [{"name": "ds-a", "sensitivity": "open", "uris": ["/a/*"]}]}
                """);
        TestDirs.write(yaml, "datasets.yml", """
                fully_managed: true
                datasets:
                  - name: ds-a
                    sensitivity: open
                    uris: ["/a/*"]
                """);
        DirectoryReader.Result a = validate(json);
        DirectoryReader.Result b = validate(yaml);
        assertTrue(a.valid() && b.valid(), () -> a.problems() + " " + b.problems());
        var da = a.state().of(ObjectType.DATASETS).orElseThrow();
        var db = b.state().of(ObjectType.DATASETS).orElseThrow();
        assertEquals(da.fullyManaged(), db.fullyManaged());
        assertEquals(da.objects().get("ds-a").object(), db.objects().get("ds-a").object());
        assertEquals("datasets.yml", db.objects().get("ds-a").file());
    }

    @Test
    void malformedYamlDuplicateKeysAndUnknownFieldsSayWhere() {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "datasets.yaml", "datasets:\n  - name: ds-a\n    sensitivity: [open\n");
        TestDirs.write(dir, "agreements.yaml", "agreements: []\nagreements: []\n");
        TestDirs.write(dir, "trust-anchors.yaml", "trust_anchors:\n  - purpose: idevid\n    certificat: x\n");
        List<Problem> problems = validate(dir).problems();
        assertTrue(problems.stream().anyMatch(p -> p.file().equals("datasets.yaml") && p.message().startsWith("Malformed YAML at line")
                && !p.message().contains("\n")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.file().equals("agreements.yaml") && p.message().contains("Duplicate field 'agreements'")),
                problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.toString().startsWith("trust-anchors.yaml#/trust_anchors/0/certificat: Unknown field")),
                problems::toString);
    }

    @Test
    void oneTypeInTwoFilesIsRefused() {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "datasets.json", "{\"datasets\": []}");
        TestDirs.write(dir, "datasets.yaml", "datasets: []\n");
        List<Problem> problems = validate(dir).problems();
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).message().contains("Both datasets.json and datasets.yaml"), problems::toString);
    }
}
