package city.iam.realmconfig.validate;

import city.iam.realmconfig.TestDirs;
import city.iam.realmconfig.load.DirectoryReader;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValidatorTest {

    @TempDir
    Path tmp;

    private static DirectoryReader.Result validate(Path dir) {
        return validate(dir, Map.of());
    }

    private static DirectoryReader.Result validate(Path dir, Map<String, String> env) {
        return new Validator(env::get).validate(dir);
    }

    private static Problem only(DirectoryReader.Result r) {
        assertEquals(1, r.problems().size(), () -> "problems: " + r.problems());
        return r.problems().get(0);
    }

    @Test
    void referenceDirectoryIsValid() {
        DirectoryReader.Result r = validate(TestDirs.reference());
        assertTrue(r.valid(), () -> r.problems().toString());
        assertEquals(ObjectType.values().length, r.state().types().size(), "the reference directory shows every type");
        assertEquals(3, r.state().of(ObjectType.DATASETS).orElseThrow().objects().size());
        assertTrue(r.state().of(ObjectType.AGREEMENTS).orElseThrow().fullyManaged());
    }

    @Test
    void agreementNamingAnUndeclaredDatasetIsRefusedWithFileAndPointer() {
        Path dir = TestDirs.copyOfReference(tmp.resolve("d"));
        TestDirs.write(dir, "agreements.json", TestDirs.read(dir, "agreements.json").replace("\"ds-health-visits\"", "\"ds-missing\""));
        Problem p = only(validate(dir));
        assertEquals("agreements.json", p.file());
        assertEquals("/agreements/1/datasets", p.pointer());
        assertTrue(p.message().contains("'ds-missing'") && p.message().contains("datasets.json"), p.message());
    }

    @Test
    void enrollmentGroupPinningAMissingAnchorIsRefused() {
        Path dir = TestDirs.copyOfReference(tmp.resolve("d"));
        TestDirs.write(dir, "enrollment-groups.json", TestDirs.read(dir, "enrollment-groups.json")
                .replace("\"anchors\": [\n        \"3c1TLS8nBlfMvG7ihbsCYpF94nJ62c1kds1rTgqzZY8\"", "\"anchors\": [\n        \"no-such-pin\""));
        Problem p = only(validate(dir));
        assertEquals("/enrollment_groups/0/anchors", p.pointer());
        assertTrue(p.message().contains("trust anchor 'no-such-pin'"), p.message());
    }

    @Test
    void overlappingOrganisationDomainsAreRefused() {
        Path dir = TestDirs.copyOfReference(tmp.resolve("d"));
        TestDirs.write(dir, "organizations.json", TestDirs.read(dir, "organizations.json").replace("\"uni.example\"", "\"UTILITY-A.example\""));
        Problem p = only(validate(dir));
        assertEquals("/organizations/2/domains", p.pointer());
        assertTrue(p.message().contains("utility-a.example") && p.message().contains("'utility-a'"), p.message());
    }

    @Test
    void unknownFieldsAreRefusedNotIgnored() {
        Path dir = TestDirs.copyOfReference(tmp.resolve("d"));
        TestDirs.write(dir, "datasets.json", TestDirs.read(dir, "datasets.json").replaceFirst("\"personal_data\": false\n    },",
                "\"personal_data\": false, \"alowed_purposes\": [\"x\"]\n    },"));
        Problem p = only(validate(dir));
        assertEquals("/datasets/0/alowed_purposes", p.pointer());
        assertTrue(p.message().startsWith("Unknown field 'alowed_purposes'"), p.message());
    }

    @Test
    void duplicateIdsAreRefused() {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "datasets.json", """
                {"datasets": [{"name": "a", "sensitivity": "open"}, {"name": "a", "sensitivity": "sensitive", "owner_organization": "x"}]}
                """);
        Problem p = only(validate(dir));
        assertEquals("/datasets/1", p.pointer());
        assertTrue(p.message().contains("Duplicate datasets id 'a'") && p.message().contains("/datasets/0"), p.message());
    }

    @Test
    void malformedJsonAndDuplicateKeysSayWhere() {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "datasets.json", "{\"datasets\": [\n {\"name\": \"a\",, }]}");
        TestDirs.write(dir, "agreements.json", "{\"agreements\": [], \"agreements\": []}");
        List<Problem> problems = validate(dir).problems();
        assertEquals(2, problems.size(), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.file().equals("datasets.json") && p.message().contains("line 2")), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.file().equals("agreements.json") && p.message().contains("Duplicate field")), problems::toString);
    }

    @Test
    void wrongValuesAndMissingFieldsAreEachReported() {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "agreements.json", """
                {"agreements": [{"id": "A", "parties": "p", "datasets": [], "purposes": ["x"], "not_before": "yesterday", "status": "paused"}]}
                """);
        List<Problem> problems = validate(dir).problems();
        List<String> pointers = problems.stream().map(Problem::pointer).toList();
        assertTrue(pointers.containsAll(List.of("/agreements/0/parties", "/agreements/0/not_before", "/agreements/0/status", "/agreements/0")),
                problems::toString);
    }

    @Test
    void unknownFilesAndMembersAreRefused() {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "dataset.json", "{}");
        TestDirs.write(dir, "datasets.json", "{\"fully_managed\": \"yes\", \"datasets\": [], \"extra\": 1}");
        List<Problem> problems = validate(dir).problems();
        assertEquals(3, problems.size(), problems::toString);
    }

    @Test
    void secretsComeFromTheEnvironmentAndMissingOnesAreErrors() {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "organizations.json", """
                {"organizations": [{"alias": "o", "name": "O", "attributes": {"apiKey": ["${env:ORG_KEY}"]}}]}
                """);
        DirectoryReader.Result ok = validate(dir, Map.of("ORG_KEY", "s3cret"));
        assertTrue(ok.valid(), ok.problems()::toString);
        assertEquals("s3cret", ok.state().of(ObjectType.ORGANIZATIONS).orElseThrow().objects().get("o").object()
                .path("attributes").path("apiKey").get(0).asText());
        Problem p = only(validate(dir));
        assertEquals("/organizations/0/attributes/apiKey/0", p.pointer());
        assertTrue(p.message().contains("ORG_KEY is not set"), p.message());
    }

    @Test
    void secretFilesInsideTheDirectoryAreRefused() {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "secret.txt", "x");
        TestDirs.write(dir, "organizations.json", "{\"organizations\": [{\"alias\": \"o\", \"name\": \"${file:" + dir.resolve("secret.txt") + "}\"}]}");
        Problem p = only(validate(dir));
        assertTrue(p.message().contains("inside the configuration directory"), p.message());
    }

    @Test
    void aWrongAnchorPinIsRefused() {
        Path dir = TestDirs.copyOfReference(tmp.resolve("d"));
        TestDirs.write(dir, "trust-anchors.json", TestDirs.read(dir, "trust-anchors.json").replace("\"pin\": \"3c1", "\"pin\": \"4c1"));
        DirectoryReader.Result r = validate(dir);
        assertFalse(r.valid());
        assertTrue(r.problems().stream().anyMatch(p -> p.pointer().equals("/trust_anchors/0/pin")), r.problems()::toString);
    }
}
