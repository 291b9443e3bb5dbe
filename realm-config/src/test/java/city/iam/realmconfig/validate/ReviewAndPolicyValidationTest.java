package city.iam.realmconfig.validate;

import city.iam.realmconfig.TestDirs;
import city.iam.realmconfig.load.DirectoryReader;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.Problem;
import city.iam.realmconfig.model.RealmNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Review definitions and the birthright, leaver and hygiene policies: nested schema, the server's own rules, names
 * in the live realm; unknown fields, wrong types and non-positive periods refused.
 */
class ReviewAndPolicyValidationTest {

    @TempDir
    Path tmp;

    private List<Problem> problems(String file, String json) {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, file, json);
        return new Validator(Map.<String, String>of()::get).validate(dir).problems();
    }

    private static final String DEFINITION = """
            {"review_definitions": [{"id": "fin", "scope": {"selectors": [%s]},
              "reviewers": {"owner": {"type": "owner", "fallback": "office"}, "office": {"type": "users", "users": ["ciso"]%s}},
              "stages": [{"duration": "P7D", "reviewer": "%s"}]}]}
            """;

    private static String definition(String selector, String officeExtra, String stageReviewer) {
        return DEFINITION.formatted(selector, officeExtra, stageReviewer);
    }

    @Test
    void aWellFormedDefinitionIsValid() {
        assertEquals(List.of(), problems("review-definitions.json", definition("{\"type\": \"group\", \"path\": \"/fin-ops\"}", "", "owner")));
    }

    @Test
    void unknownNestedFieldsAreRefusedWithTheirPointer() {
        List<Problem> p = problems("review-definitions.json", definition("{\"type\": \"group\", \"path\": \"/fin-ops\", \"paht\": \"x\"}", "", "owner"));
        assertEquals(1, p.size(), p::toString);
        assertEquals("/review_definitions/0/scope/selectors/0/paht", p.get(0).pointer());
        assertTrue(p.get(0).message().contains("Unknown field 'paht'"), p::toString);
    }

    @Test
    void aStageNamingAnUndefinedReviewerIsRefused() {
        List<Problem> p = problems("review-definitions.json", definition("{\"type\": \"realm_role\", \"name\": \"admin\"}", "", "manager"));
        assertEquals(1, p.size(), p::toString);
        assertEquals("/review_definitions/0/stages/0/reviewer", p.get(0).pointer());
        assertTrue(p.get(0).message().contains("'manager'"), p::toString);
    }

    @Test
    void aFallbackCycleAndAClientRoleWithoutItsClientAreRefused() {
        List<Problem> p = problems("review-definitions.json", definition("{\"type\": \"client_role\", \"name\": \"approve\"}",
                ", \"fallback\": \"owner\"", "owner"));
        assertTrue(p.stream().anyMatch(x -> x.pointer().endsWith("/scope/selectors/0") && x.message().contains("'client'")), p::toString);
        assertTrue(p.stream().anyMatch(x -> x.pointer().endsWith("/reviewers/owner/fallback") && x.message().contains("comes back")), p::toString);
    }

    @Test
    void notificationsAndTheMoverTriggerFollowTheServersRules() {
        assertEquals(List.of(), problems("review-definitions.json", """
                {"review_definitions": [{"id": "fin", "trigger": "mover", "scope": {"selectors": [{"type": "realm_role", "name": "x"}]},
                  "reviewers": {"o": {"type": "owner"}, "m": {"type": "manager"}}, "stages": [{"duration": "P10D", "reviewer": "o"}],
                  "notifications": {"reminders": ["P1D", "P3D"], "escalate_after": "P5D", "escalate_to": "m",
                                    "webhook": "https://hooks.city.example/iam"}}]}
                """));
        List<Problem> p = problems("review-definitions.json", """
                {"review_definitions": [{"id": "fin", "trigger": "mover", "recurrence": {"every": "P3M", "starts_at": "2027-01-01T00:00:00Z"},
                  "scope": {"selectors": [{"type": "realm_role", "name": "x"}]},
                  "reviewers": {"o": {"type": "owner"}}, "stages": [{"duration": "P10D", "reviewer": "o"}],
                  "notifications": {"reminders": ["-P1D"], "escalate_after": "P10D", "escalate_to": "nobody"}}]}
                """);
        List<String> pointers = p.stream().map(Problem::pointer).toList();
        assertTrue(pointers.containsAll(List.of("/review_definitions/0/trigger", "/review_definitions/0/notifications/reminders/0",
                "/review_definitions/0/notifications/escalate_to", "/review_definitions/0/notifications/escalate_after")), p::toString);
    }

    @Test
    void managedMembersTakesTheServersThreeSettings() {
        for (String setting : List.of("disable-account", "unlink-provider", "manual")) {
            assertEquals(List.of(), problems("review-definitions.json", """
                    {"review_definitions": [{"id": "fin", "scope": {"selectors": [{"type": "organization", "name": "acme"}]},
                      "reviewers": {"o": {"type": "owner"}}, "stages": [{"duration": "P7D", "reviewer": "o"}],
                      "remediation": {"mode": "AUTO", "managed_members": "%s"}}]}
                    """.formatted(setting)), setting);
        }
        List<Problem> p = problems("review-definitions.json", """
                {"review_definitions": [{"id": "fin", "scope": {"selectors": [{"type": "organization", "name": "acme"}]},
                  "reviewers": {"o": {"type": "owner"}}, "stages": [{"duration": "P7D", "reviewer": "o"}],
                  "remediation": {"managed_members": "delete-account"}}]}
                """);
        assertEquals(List.of("/review_definitions/0/remediation/managed_members"), p.stream().map(Problem::pointer).toList(), p::toString);
    }

    @Test
    void serverSetFieldsAndBadEnumerationsAreRefused() {
        List<Problem> p = problems("review-definitions.json", """
                {"review_definitions": [{"id": "fin", "version": 3, "scope": {"selectors": [{"type": "role", "name": "x"}]},
                  "reviewers": {"o": {"type": "owner"}}, "stages": [{"duration": "seven days", "reviewer": "o"}],
                  "recurrence": {"every": "P3M"}}]}
                """);
        List<String> pointers = p.stream().map(Problem::pointer).toList();
        assertTrue(pointers.containsAll(List.of("/review_definitions/0/version", "/review_definitions/0/scope/selectors/0/type",
                "/review_definitions/0/stages/0/duration", "/review_definitions/0/recurrence")), p::toString);
    }

    @Test
    void theNewScopeTypesAndACadenceAreCheckedLikeTheServer() {
        assertEquals(List.of(), problems("review-definitions.json", """
                {"review_definitions": [{"id": "fin", "scope": {"selectors": [{"type": "organization", "name": "acme"},
                   {"type": "idp_link", "name": "partner"}, {"type": "service_account", "client": "etl"}, {"type": "service_account"},
                   {"type": "account", "attribute": "department", "value": "finance"}, {"type": "account"}]},
                  "reviewers": {"o": {"type": "owner"}}, "stages": [{"duration": "P10D", "reviewer": "o"}],
                  "cadence_by_sensitivity": {"sensitive": "P90D", "privileged": "P90D"}}]}
                """));
        List<Problem> p = problems("review-definitions.json", """
                {"review_definitions": [{"id": "fin", "scope": {"selectors": [{"type": "organization"},
                   {"type": "service_account", "name": "x"}, {"type": "account", "attribute": "department"}]},
                  "reviewers": {"o": {"type": "owner"}}, "stages": [{"duration": "P10D", "reviewer": "o"}],
                  "cadence_by_sensitivity": {"secret": "P90D", "open": "-P1D"}}]}
                """);
        List<String> pointers = p.stream().map(Problem::pointer).toList();
        assertTrue(pointers.containsAll(List.of("/review_definitions/0/scope/selectors/0", "/review_definitions/0/scope/selectors/1",
                "/review_definitions/0/scope/selectors/2", "/review_definitions/0/cadence_by_sensitivity/secret",
                "/review_definitions/0/cadence_by_sensitivity/open")), p::toString);
    }

    @Test
    void scopeFiltersTakeTheServersShapesAndLimits() {
        assertEquals(List.of(), problems("review-definitions.json", """
                {"review_definitions": [{"id": "fin", "scope": {"selectors": [{"type": "realm_role", "name": "x"}],
                   "filters": {"subject_attributes": {"department": "finance", "site": ["north", "south"]},
                               "access_attributes": {"tier": ["gold"]}, "inactive_for": "P90D", "min_sensitivity": "quasi-sensitive",
                               "subjects": "guests"}},
                  "reviewers": {"o": {"type": "owner"}}, "stages": [{"duration": "P10D", "reviewer": "o"}]}]}
                """));
        List<Problem> p = problems("review-definitions.json", """
                {"review_definitions": [{"id": "fin", "scope": {"selectors": [{"type": "realm_role", "name": "x"}],
                   "filters": {"subject_attributes": {"department": 5, "site": []}, "access_attributes": "tier=gold",
                               "inactive_for": "three months", "min_sensitivity": "secret", "subjects": "staff", "inactive_days": 3}},
                  "reviewers": {"o": {"type": "owner"}}, "stages": [{"duration": "P10D", "reviewer": "o"}]}]}
                """);
        List<String> pointers = p.stream().map(Problem::pointer).toList();
        String at = "/review_definitions/0/scope/filters";
        assertTrue(pointers.containsAll(List.of(at + "/subject_attributes/department", at + "/subject_attributes/site", at + "/access_attributes",
                at + "/inactive_for", at + "/min_sensitivity", at + "/subjects", at + "/inactive_days")), p::toString);
        List<Problem> limits = problems("review-definitions.json", """
                {"review_definitions": [{"id": "fin", "scope": {"selectors": [{"type": "realm_role", "name": "x"}],
                   "filters": {"inactive_for": "P4000D", "subject_attributes": {"department": "%s"}}},
                  "reviewers": {"o": {"type": "owner"}}, "stages": [{"duration": "P10D", "reviewer": "o"}]}]}
                """.formatted("x".repeat(256)));
        assertEquals(List.of(at + "/inactive_for", at + "/subject_attributes/department"),
                limits.stream().map(Problem::pointer).sorted().toList(), limits::toString);
    }

    @Test
    void birthrightRulesMustGrantSomethingAndHaveDistinctIds() {
        List<Problem> p = problems("birthright-policy.json", """
                {"birthright_policy": {"rules": [
                  {"id": "a", "when": {"attribute": "department", "in": ["it"]}, "groups": ["/it"]},
                  {"id": "a", "when": {"attribute": "department", "in": ["hr"]}}]}}
                """);
        assertEquals(2, p.size(), p::toString);
        assertTrue(p.stream().anyMatch(x -> x.pointer().equals("/birthright_policy/rules/1/id")), p::toString);
        assertTrue(p.stream().anyMatch(x -> x.message().contains("grants nothing")), p::toString);
    }

    @Test
    void birthrightConditionsAreAnAttributeOrAnOrganisation() {
        List<Problem> p = problems("birthright-policy.json", """
                {"birthright_policy": {"rules": [
                  {"id": "a", "when": {"organization": "parks"}, "groups": ["/parks"]},
                  {"id": "b", "when": {"organization": "parks", "attribute": "department", "in": ["parks"]}, "groups": ["/parks"]},
                  {"id": "c", "when": {"in": ["parks"]}, "groups": ["/parks"]}]}}
                """);
        assertEquals(List.of("/birthright_policy/rules/1/when", "/birthright_policy/rules/2/when/attribute"),
                p.stream().map(Problem::pointer).toList(), p::toString);
    }

    @Test
    void aBirthrightOrganisationMustBeInTheRealmOrTheDirectory() {
        Path dir = tmp.resolve("orgs");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "birthright-policy.json", """
                {"birthright_policy": {"rules": [
                  {"id": "a", "when": {"organization": "parks"}, "groups": ["/parks"]},
                  {"id": "b", "when": {"organization": "harbour"}, "groups": ["/parks"]}]}}
                """);
        DirectoryReader.Result read = new Validator(Map.<String, String>of()::get).validate(dir);
        assertTrue(read.valid(), read.problems()::toString);
        RealmNames realm = new RealmNames(Set.of("/parks"), Set.of(), Set.of(), Set.of("parks"));
        List<Problem> p = LiveReferences.check(read.state(), realm, Set.of(), "city");
        assertEquals(1, p.size(), p::toString);
        assertEquals("/birthright_policy/rules/1/when/organization", p.get(0).pointer(), p::toString);
        assertTrue(p.get(0).message().contains("organisation harbour"), p::toString);
    }

    @Test
    void groupsAndRolesMissingFromTheLiveRealmAreNamedWithFileAndPointer() {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "review-definitions.json", definition("{\"type\": \"group\", \"path\": \"/fin-ops\"}, "
                + "{\"type\": \"client_role\", \"client\": \"erp\", \"name\": \"approve\"}", "", "owner"));
        TestDirs.write(dir, "birthright-policy.json", """
                {"birthright_policy": {"rules": [{"id": "a", "when": {"attribute": "d", "in": ["x"]}, "realm_roles": ["staff"]}]}}
                """);
        DirectoryReader.Result read = new Validator(Map.<String, String>of()::get).validate(dir);
        assertTrue(read.valid(), read.problems()::toString);
        RealmNames realm = new RealmNames(Set.of("/break-glass"), Set.of("staff"), Set.of("city-iam/auditor"), Set.of());
        List<Problem> p = LiveReferences.check(read.state(), realm, Set.of("ciso"), "city");
        assertEquals(2, p.size(), p::toString);
        assertEquals("review-definitions.json#/review_definitions/0/scope/selectors/0: review_definitions 'fin' names group /fin-ops, "
                + "which realm city does not have (groups and roles come from the realm JSON, not from this directory).", p.get(0).toString());
        assertTrue(p.get(1).message().contains("client role approve of client erp"), p::toString);
        assertTrue(LiveReferences.needed(read.state()));
        assertTrue(read.state().of(ObjectType.BIRTHRIGHT_POLICY).isPresent());
    }

    @Test
    void peopleMissingFromTheLiveRealmAreNamedBeforeAnythingIsWritten() {
        Path dir = tmp.resolve("people");
        dir.toFile().mkdirs();
        TestDirs.write(dir, "review-definitions.json", definition("{\"type\": \"group\", \"path\": \"/fin-ops\"}", "", "owner"));
        for (String file : List.of("enrollment-groups.json", "trust-anchors.json")) {
            TestDirs.write(dir, file, TestDirs.read(TestDirs.reference(), file));
        }
        DirectoryReader.Result read = new Validator(Map.<String, String>of()::get).validate(dir);
        assertTrue(read.valid(), read.problems()::toString);
        assertEquals(Set.of("ciso", "devi.devices"), LiveReferences.usernames(read.state()), "the reference group's owner and the reviewer");
        assertTrue(LiveReferences.needed(read.state()));
        RealmNames realm = new RealmNames(Set.of("/fin-ops"), Set.of(), Set.of(), Set.of());
        List<Problem> p = LiveReferences.check(read.state(), realm, Set.of("ciso"), "city");
        assertEquals(1, p.size(), p::toString);
        assertEquals("enrollment-groups.json#/enrollment_groups/0/owner: enrollment_groups 'air-quality-sensors' names user devi.devices, "
                + "which realm city does not have (people come from the realm JSON or the realm's user directory, not from this directory).",
                p.get(0).toString());
        assertEquals(List.of(), LiveReferences.check(read.state(), realm, Set.of("ciso", "devi.devices"), "city"));
    }

    @Test
    void wellFormedLeaverAndHygienePoliciesAreValid() {
        assertEquals(List.of(), problems("leaver-policy.json", """
                {"leaver_policy": {"enabled": true, "end_date_attribute": "contract_end", "hr_left_values": ["left"],
                 "sla": "PT8H", "anonymise_after": "P30D", "remove_access": false}}"""));
        assertEquals(List.of(), problems("hygiene-policy.yaml", """
                hygiene_policy:
                  enabled: true
                  interval: PT6H
                  service_account_unused_after: P30D
                """));
    }

    @Test
    void unknownLeaverFieldsAreRefused() {
        List<Problem> p = problems("leaver-policy.json", "{\"leaver_policy\": {\"enabeld\": true}}");
        assertEquals(1, p.size(), p::toString);
        assertTrue(p.get(0).toString().contains("leaver-policy.json#/leaver_policy/enabeld"), p::toString);
    }

    @Test
    void zeroNegativeAndMalformedHygienePeriodsAreRefused() {
        List<Problem> p = problems("hygiene-policy.json", """
                {"hygiene_policy": {"interval": "PT0S", "max_client_secret_age": "-P1D", "pending_password_change_after": "two weeks",
                 "enabled": "yes"}}""");
        String all = p.toString();
        assertEquals(4, p.size(), all);
        assertTrue(all.contains("'interval' must be a positive duration, not PT0S"), all);
        assertTrue(all.contains("'max_client_secret_age' must be a positive duration, not -P1D"), all);
        assertTrue(all.contains("'pending_password_change_after' must be an ISO-8601 duration"), all);
        assertTrue(all.contains("/hygiene_policy/enabled"), all);
    }
}
