package city.iam.realmconfig.it;

import city.iam.realmconfig.TestDirs;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 9 acceptance: the reference directory against a real Keycloak with the suite deployed. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RealmConfigIT {

    private ConfigRealm realm;
    private Path edited;

    /** Shared by the ordered steps (a per-method directory would be gone by the next step). */
    @TempDir
    static Path tmp;

    @BeforeAll
    void realm(TestServer server) {
        realm = ConfigRealm.create(server, "cfg");
    }

    @Test
    @Order(1)
    void applyTheReferenceDirectoryToAnEmptyRealm() {
        ConfigRealm.Run run = realm.tool("apply", TestDirs.reference().toString());
        assertEquals(0, run.code(), run::toString);
        // The leaver and hygiene settings always exist (their defaults): declaring them is an update.
        assertTrue(run.out().contains("Plan: 14 to create, 2 to update, 0 to delete."), run::toString);
        assertTrue(run.out().contains("~ leaver_policy policy  (enabled)"), run::toString);
        assertTrue(run.out().contains("~ hygiene_policy policy  (enabled)"), run::toString);

        JsonNode bundle = realm.get("/datasets/export");
        assertEquals(3, bundle.get("datasets").size());
        assertEquals(2, bundle.get("agreements").size());
        assertEquals(1, realm.get("/device-identity/trust-anchors").size());
        assertEquals(500, realm.get("/device-identity/groups/air-quality-sensors").get("quota").asInt());
        assertEquals("devi.devices", realm.get("/device-identity/groups/air-quality-sensors").get("owner").asText(), "the fleet's owner");
        assertEquals("P90D", realm.get("/lifecycle/policies/inactivity").get("disable_after").asText());
        assertEquals(3, realm.get("/organizations?briefRepresentation=false").size());
        JsonNode review = realm.get("/access-reviews/definitions/city-iam-admins");
        assertEquals(1, review.get("version").asInt());
        assertEquals("PT336H", review.get("stages").get(0).get("duration").asText());
        JsonNode idp = realm.get("/identity-provider/instances/utility-a-idp");
        assertEquals("city-oidc", idp.get("providerId").asText());
        JsonNode utilityA = organisation("utility-a");
        assertEquals(utilityA.get("id").asText(), idp.get("organizationId").asText(), "linked to its organisation");
        JsonNode mapper = realm.get("/identity-provider/instances/utility-a-idp/mappers").get(0);
        assertEquals("city-assurance-mapper", mapper.get("identityProviderMapper").asText());
        assertEquals("eidas", mapper.get("config").get("acr.preset").asText());
        assertEquals("{\"urn:utility-a:mfa\":\"high\"}", mapper.get("config").get("acr.table").asText());
        assertTrue(realm.get("/lifecycle/policies/leaver").get("enabled").asBoolean());
        assertEquals("PT24H", realm.get("/lifecycle/policies/hygiene").get("interval").asText());
        assertEquals("true", realm.get("").get("attributes").get("city-iam.lifecycle.hygiene-scan").asText(), "where the job reads it");
        assertEquals("auditor", realm.get("/lifecycle/policies/birthright").get("rules").get(0).get("client_roles").get(0).get("role").asText());
    }

    @Test
    @Order(2)
    void aSecondApplyChangesNothing() {
        ConfigRealm.Run run = realm.tool("apply", TestDirs.reference().toString());
        assertEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains("No changes"), run::toString);
    }

    @Test
    @Order(3)
    void editingOneReviewDefinitionAndOneAgreementPlansExactlyThoseTwoUpdates() {
        edited = TestDirs.copyOfReference(tmp.resolve("edited"));
        TestDirs.write(edited, "agreements.json", TestDirs.read(edited, "agreements.json")
                .replace("\"not_on_or_after\": \"2028-01-01T00:00:00Z\"", "\"not_on_or_after\": \"2029-01-01T00:00:00Z\""));
        TestDirs.write(edited, "review-definitions.json", TestDirs.read(edited, "review-definitions.json")
                .replace("\"duration\": \"P14D\"", "\"duration\": \"P21D\""));

        ConfigRealm.Run plan = realm.tool("plan", edited.toString(), "--detailed-exitcode");
        assertEquals(4, plan.code(), plan::toString);
        List<String> changes = plan.out().lines().filter(l -> l.startsWith("  ")).map(String::trim).toList();
        assertEquals(List.of("~ agreements AG-ENERGY-1  (not_on_or_after)", "~ review_definitions city-iam-admins  (stages)"), changes, plan::toString);
        assertTrue(plan.out().contains("Plan: 0 to create, 2 to update, 0 to delete."), plan::toString);
        // plan changed nothing
        assertEquals("2028-01-01T00:00:00Z", realm.get("/datasets/agreements/AG-ENERGY-1").get("not_on_or_after").asText());
        assertEquals(1, realm.get("/access-reviews/definitions/city-iam-admins").get("version").asInt());

        ConfigRealm.Run apply = realm.tool("apply", edited.toString());
        assertEquals(0, apply.code(), apply::toString);
        assertEquals("2029-01-01T00:00:00Z", realm.get("/datasets/agreements/AG-ENERGY-1").get("not_on_or_after").asText());
        JsonNode review = realm.get("/access-reviews/definitions/city-iam-admins");
        assertEquals(2, review.get("version").asInt(), "a new version on the server");
        assertEquals("PT504H", review.get("stages").get(0).get("duration").asText());
        assertEquals(30, review.get("blast_radius").get("max_auto_revoke_percent").asInt(), "the rest of the definition as declared");
        ConfigRealm.Run again = realm.tool("plan", edited.toString(), "--detailed-exitcode");
        assertEquals(0, again.code(), again::toString);
    }

    @Test
    @Order(4)
    void exportThenApplyIsANoOp() {
        Path exported = tmp.resolve("exported");
        ConfigRealm.Run export = realm.tool("export", exported.toString());
        assertEquals(0, export.code(), export::toString);
        ConfigRealm.Run validate = realm.tool("validate", exported.toString());
        assertEquals(0, validate.code(), validate::toString);
        ConfigRealm.Run apply = realm.tool("apply", exported.toString());
        assertEquals(0, apply.code(), apply::toString);
        assertTrue(apply.out().contains("No changes"), apply::toString);
        assertTrue(TestDirs.read(exported, "agreements.json").contains("2029-01-01T00:00:00Z"));
        assertTrue(TestDirs.read(exported, "review-definitions.json").contains("PT504H"));
        assertTrue(TestDirs.read(exported, "birthright-policy.json").contains("iam-office-auditors"));
        assertTrue(TestDirs.read(exported, "leaver-policy.json").contains("\"sla\" : \"PT4H\""), TestDirs.read(exported, "leaver-policy.json"));
        assertTrue(TestDirs.read(exported, "hygiene-policy.json").contains("\"enabled\" : true"), TestDirs.read(exported, "hygiene-policy.json"));
        assertTrue(!TestDirs.read(exported, "review-definitions.json").contains("\"version\""), "server-set fields are not exported");
    }

    @Test
    @Order(5)
    void aDirectoryWithOneBrokenReferenceIsRefusedAndNothingChanges() {
        Path broken = TestDirs.copyOfReference(tmp.resolve("broken"));
        // One valid edit (would be an update) and one broken reference.
        TestDirs.write(broken, "datasets.json", TestDirs.read(broken, "datasets.json")
                .replace("Parking occupancy (open data)", "Parking occupancy, renamed"));
        TestDirs.write(broken, "agreements.json", TestDirs.read(broken, "agreements.json").replace("\"ds-health-visits\"", "\"ds-health-visit\""));
        JsonNode before = realm.get("/datasets/export");

        ConfigRealm.Run validate = realm.tool("validate", broken.toString());
        assertEquals(1, validate.code(), validate::toString);
        assertTrue(validate.err().contains("agreements.json#/agreements/1/datasets: agreements 'AG-HEALTH-1' names dataset 'ds-health-visit'"),
                validate::toString);

        ConfigRealm.Run apply = realm.tool("apply", broken.toString());
        assertEquals(1, apply.code(), apply::toString);
        assertTrue(apply.err().contains("Nothing was applied."), apply::toString);
        assertEquals(before, realm.get("/datasets/export"));
    }

    @Test
    @Order(6)
    void fullyManagedTypesDeleteWhatTheyDoNotDeclare() {
        Path extra = TestDirs.copyOfReference(tmp.resolve("extra"));
        TestDirs.write(extra, "datasets.json", TestDirs.read(extra, "datasets.json").replace("\"datasets\": [",
                "\"datasets\": [ {\"name\": \"ds-extra\", \"sensitivity\": \"open\"},"));
        assertEquals(0, realm.tool("apply", extra.toString()).code());
        ConfigRealm.Run plan = realm.tool("plan", edited.toString());
        assertTrue(plan.out().contains("  - datasets ds-extra"), plan::toString);
        ConfigRealm.Run apply = realm.tool("apply", edited.toString());
        assertEquals(0, apply.code(), apply::toString);
        assertEquals(3, realm.get("/datasets/export").get("datasets").size());
    }

    @Test
    @Order(7)
    void anUnauthorisedClientGetsAClearMessageAndANonZeroExit() {
        ConfigRealm.Run wrongSecret = realm.tool(realm.env(ConfigRealm.CLIENT, "wrong"), "plan", edited.toString());
        assertEquals(3, wrongSecret.code(), wrongSecret::toString);
        assertTrue(wrongSecret.err().contains("obtain a token") && wrongSecret.err().contains("401"), wrongSecret::toString);

        realm.client("no-roles", "no-roles-secret", Map.of());
        ConfigRealm.Run noRoles = realm.tool(realm.env("no-roles", "no-roles-secret"), "apply", edited.toString());
        assertEquals(3, noRoles.code(), noRoles::toString);
        assertTrue(noRoles.err().contains("Client 'no-roles' may not") && noRoles.err().contains("403"), noRoles::toString);
    }

    @Test
    @Order(8)
    void aReviewScopeNamingAGroupTheRealmLacksIsRefusedBeforeAnythingChanges() {
        Path broken = TestDirs.copyOfReference(tmp.resolve("live-broken"));
        TestDirs.write(broken, "datasets.json", TestDirs.read(broken, "datasets.json")
                .replace("Parking occupancy (open data)", "Parking occupancy, renamed"));
        TestDirs.write(broken, "review-definitions.json", TestDirs.read(broken, "review-definitions.json")
                .replace("{\"type\": \"client_role\", \"client\": \"city-iam\", \"name\": \"device-admin\"}",
                        "{\"type\": \"group\", \"path\": \"/fin-ops\"}"));
        JsonNode before = realm.get("/datasets/export");
        // Groups are not in the directory, so validate cannot know; plan and apply check them against the realm.
        assertEquals(0, realm.tool("validate", broken.toString()).code());
        for (String command : List.of("plan", "apply")) {
            ConfigRealm.Run run = realm.tool(command, broken.toString());
            assertEquals(1, run.code(), run::toString);
            assertTrue(run.err().contains("review-definitions.json#/review_definitions/0/scope/selectors/2: review_definitions "
                    + "'city-iam-admins' names group /fin-ops, which realm " + realm.realm.name() + " does not have"), run::toString);
            assertTrue(!run.err().contains("Exception") && !run.err().contains("\tat "), "no stack trace");
        }
        assertTrue(realm.tool("apply", broken.toString()).err().contains("Nothing was applied."));
        assertEquals(before, realm.get("/datasets/export"));
    }

    @Test
    @Order(8)
    void anEnrollmentGroupOwnerTheRealmLacksIsRefusedBeforeAnythingChanges() {
        Path broken = TestDirs.copyOfReference(tmp.resolve("owner-broken"));
        TestDirs.write(broken, "datasets.json", TestDirs.read(broken, "datasets.json")
                .replace("Parking occupancy (open data)", "Parking occupancy, renamed"));
        TestDirs.write(broken, "enrollment-groups.json", TestDirs.read(broken, "enrollment-groups.json")
                .replace("\"owner\": \"devi.devices\"", "\"owner\": \"nobody.here\""));
        JsonNode before = realm.get("/datasets/export");
        for (String command : List.of("plan", "apply")) {
            ConfigRealm.Run run = realm.tool(command, broken.toString());
            assertEquals(1, run.code(), run::toString);
            assertTrue(run.err().contains("enrollment-groups.json#/enrollment_groups/0/owner: enrollment_groups 'air-quality-sensors' names user "
                    + "nobody.here, which realm " + realm.realm.name() + " does not have"), run::toString);
        }
        assertTrue(realm.tool("apply", broken.toString()).err().contains("Nothing was applied."));
        assertEquals(before, realm.get("/datasets/export"), "the dataset edit planned before the group was not written");
        assertEquals("devi.devices", realm.get("/device-identity/groups/air-quality-sensors").get("owner").asText());
    }

    @Test
    @Order(9)
    void aYamlDirectoryAppliesTheSameAsJson() throws Exception {
        Path yaml = TestDirs.asYaml(edited, tmp.resolve("yaml"));
        ConfigRealm.Run plan = realm.tool("plan", yaml.toString());
        assertEquals(0, plan.code(), plan::toString);
        assertTrue(plan.out().contains("No changes"), plan::toString);

        TestDirs.write(yaml, "agreements.yaml", TestDirs.read(yaml, "agreements.yaml").replace("2029-01-01T00:00:00Z", "2030-01-01T00:00:00Z"));
        ConfigRealm.Run apply = realm.tool("apply", yaml.toString());
        assertEquals(0, apply.code(), apply::toString);
        assertTrue(apply.out().contains("~ agreements AG-ENERGY-1  (not_on_or_after)"), apply::toString);
        assertEquals("2030-01-01T00:00:00Z", realm.get("/datasets/agreements/AG-ENERGY-1").get("not_on_or_after").asText());

        TestDirs.write(yaml, "agreements.yaml", "agreements:\n  - id: AG-ENERGY-1\n    parties: [utility-a\n");
        ConfigRealm.Run malformed = realm.tool("apply", yaml.toString());
        assertEquals(1, malformed.code(), malformed::toString);
        assertTrue(malformed.err().contains("agreements.yaml: Malformed YAML at line"), malformed::toString);
        assertTrue(malformed.err().contains("Nothing was applied.") && !malformed.err().contains("\tat "), malformed::toString);
        assertEquals("2030-01-01T00:00:00Z", realm.get("/datasets/agreements/AG-ENERGY-1").get("not_on_or_after").asText());
    }

    /** What distribution/dev.sh does at every start: the city realm JSON imported natively, then the reference directory applied. */
    @Test
    @Order(10)
    void theReferenceDirectoryAppliesToTheImportedCityRealmAsItsOwnServiceAccount(TestServer server) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode cityRealm = (com.fasterxml.jackson.databind.node.ObjectNode)
                new com.fasterxml.jackson.databind.ObjectMapper().readTree(java.nio.file.Files.readString(Path.of("realms", "city-realm.json")));
        String name = "city-dev-start";
        cityRealm.put("realm", name);
        assertEquals(201, server.http().postJson("/admin/realms", server.masterToken(), cityRealm).status());
        Map<String, String> env = realm.env("city-iam-config", "city-iam-config-dev-secret");
        env.put("CITY_IAM_REALM", name);
        ConfigRealm.Run apply = realm.tool(env, "apply", TestDirs.reference().toString());
        assertEquals(0, apply.code(), apply::toString);
        assertTrue(apply.out().contains("+ review_definitions city-iam-admins"), apply::toString);
        // The realm JSON already carries the organisations, datasets and inactivity policy: they match unchanged;
        // the leaver and hygiene settings come from the directory only.
        assertTrue(apply.out().contains("Plan: 7 to create, 2 to update, 0 to delete."), apply::toString);
        ConfigRealm.Run again = realm.tool(env, "apply", TestDirs.reference().toString());
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("No changes"), again::toString);
    }

    @Test
    @Order(11)
    void identityProviderSecretsComeFromTheEnvironmentAndAreNeverExported() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("idp"));
        TestDirs.write(dir, "identity-providers.json", """
                {"identity_providers": [{"alias": "uni-idp", "providerId": "oidc", "organization": "uni",
                  "config": {"authorizationUrl": "https://idp.uni.example/auth", "tokenUrl": "https://idp.uni.example/token",
                             "clientId": "city", "clientAuthMethod": "client_secret_post", "clientSecret": "${env:UNI_IDP_SECRET}"},
                  "assurance": {"preset": "franceconnect", "when_missing": "low"}}]}
                """);
        Map<String, String> env = realm.env();
        env.put("UNI_IDP_SECRET", "uni-secret-value");
        ConfigRealm.Run apply = realm.tool(env, "apply", dir.toString());
        assertEquals(0, apply.code(), apply::toString);
        assertTrue(apply.out().contains("+ identity_providers uni-idp"), apply::toString);
        ConfigRealm.Run plan = realm.tool(env, "plan", dir.toString());
        assertTrue(plan.out().contains("No changes"), "a secret the server masks is not a change: " + plan);

        Path exported = tmp.resolve("idp-export");
        assertEquals(0, realm.tool(env, "export", exported.toString()).code());
        String file = TestDirs.read(exported, "identity-providers.json");
        assertTrue(file.contains("${env:IDP_UNI_IDP_CLIENT_SECRET}") && !file.contains("uni-secret-value"), file);
        env.put("IDP_UNI_IDP_CLIENT_SECRET", "uni-secret-value");
        ConfigRealm.Run again = realm.tool(env, "apply", exported.toString());
        assertEquals(0, again.code(), again::toString);
        assertTrue(again.out().contains("No changes"), again::toString);

        // Moving the IdP to another organisation and dropping its mapper: one update, links and mapper follow.
        TestDirs.write(dir, "identity-providers.json", """
                {"identity_providers": [{"alias": "uni-idp", "providerId": "oidc", "organization": "utility-a",
                  "config": {"authorizationUrl": "https://idp.uni.example/auth", "tokenUrl": "https://idp.uni.example/token",
                             "clientId": "city", "clientAuthMethod": "client_secret_post", "clientSecret": "${env:UNI_IDP_SECRET}"}}]}
                """);
        ConfigRealm.Run move = realm.tool(env, "apply", dir.toString());
        assertEquals(0, move.code(), move::toString);
        assertTrue(move.out().contains("~ identity_providers uni-idp  (assurance, organization)"), move::toString);
        JsonNode utilityA = organisation("utility-a");
        assertEquals(utilityA.get("id").asText(), realm.get("/identity-provider/instances/uni-idp").get("organizationId").asText());
        assertEquals(0, realm.get("/identity-provider/instances/uni-idp/mappers").size());
        assertTrue(realm.tool(env, "plan", dir.toString()).out().contains("No changes"));
    }

    @Test
    @Order(12)
    void aBadLeaverOrHygieneSettingIsRefusedByValidateAndNothingIsApplied() {
        Path bad = TestDirs.copyOfReference(tmp.resolve("bad-settings"));
        TestDirs.write(bad, "leaver-policy.json", TestDirs.read(bad, "leaver-policy.json")
                .replace("\"sla\": \"PT4H\"", "\"sla\": \"-PT4H\"").replace("\"enabled\": true", "\"enabled\": false"));
        TestDirs.write(bad, "hygiene-policy.json", TestDirs.read(bad, "hygiene-policy.json").replace("\"enabled\": true", "\"enabeld\": false"));
        JsonNode leaver = realm.get("/lifecycle/policies/leaver");
        JsonNode hygiene = realm.get("/lifecycle/policies/hygiene");

        ConfigRealm.Run validate = realm.tool("validate", bad.toString());
        assertEquals(1, validate.code(), validate::toString);
        assertTrue(validate.err().contains("leaver-policy.json#/leaver_policy/sla: 'sla' must be a positive duration, not -PT4H."), validate::toString);
        assertTrue(validate.err().contains("hygiene-policy.json#/hygiene_policy/enabeld"), validate::toString);
        ConfigRealm.Run apply = realm.tool("apply", bad.toString());
        assertEquals(1, apply.code(), apply::toString);
        assertTrue(apply.err().contains("Nothing was applied."), apply::toString);
        assertEquals(leaver, realm.get("/lifecycle/policies/leaver"));
        assertEquals(hygiene, realm.get("/lifecycle/policies/hygiene"));
    }

    @Test
    @Order(13)
    void aFullyManagedNullReturnsTheSettingsToTheirDefaultsOnce() throws Exception {
        Path dir = java.nio.file.Files.createDirectories(tmp.resolve("reset"));
        TestDirs.write(dir, "hygiene-policy.json", "{\"fully_managed\": true, \"hygiene_policy\": null}");
        ConfigRealm.Run apply = realm.tool("apply", dir.toString());
        assertEquals(0, apply.code(), apply::toString);
        assertTrue(apply.out().contains("- hygiene_policy policy"), apply::toString);
        assertTrue(!realm.get("/lifecycle/policies/hygiene").get("enabled").asBoolean());
        ConfigRealm.Run again = realm.tool("plan", dir.toString());
        assertTrue(again.out().contains("No changes"), "at the defaults there is nothing to reset: " + again);
    }

    private JsonNode organisation(String alias) {
        for (JsonNode o : realm.get("/organizations?briefRepresentation=true")) {
            if (o.get("alias").asText().equals(alias)) {
                return o;
            }
        }
        throw new AssertionError("no organisation " + alias);
    }
}
