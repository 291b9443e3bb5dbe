package city.iam.realmconfig.plan;

import city.iam.realmconfig.model.Canonical;
import city.iam.realmconfig.model.Declaration;
import city.iam.realmconfig.model.Declared;
import city.iam.realmconfig.model.DesiredState;
import city.iam.realmconfig.model.LiveObject;
import city.iam.realmconfig.model.LiveState;
import city.iam.realmconfig.model.ObjectType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlannerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode obj(ObjectType type, String json) {
        try {
            return Canonical.of(type, JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static DesiredState desired(ObjectType type, boolean fullyManaged, String... objects) {
        Map<String, Declared> declared = new LinkedHashMap<>();
        for (String json : objects) {
            ObjectNode o = obj(type, json);
            String id = o.path(type.idField()).asText();
            declared.put(id, new Declared(type, id, o, type.fileName(), "/"));
        }
        return new DesiredState(Map.of(type, new Declaration(type, fullyManaged, declared)));
    }

    private static LiveState live(ObjectType type, String... objects) {
        Map<String, LiveObject> live = new LinkedHashMap<>();
        for (String json : objects) {
            ObjectNode o = obj(type, json);
            String id = o.path(type.idField()).asText();
            live.put(id, new LiveObject(type, id, o, null));
        }
        return new LiveState(Map.of(type, live));
    }

    @Test
    void serverDefaultsAndOutputFieldsAreNotChanges() {
        // What the dataset API answers for a dataset declared with only its class and owner.
        Plan plan = Planner.plan(
                desired(ObjectType.DATASETS, false, "{\"name\": \"d\", \"sensitivity\": \"sensitive\", \"owner_organization\": \"city\"}"),
                live(ObjectType.DATASETS, "{\"name\": \"d\", \"sensitivity\": \"sensitive\", \"owner_organization\": \"city\", \"allowed_purposes\": [],"
                        + " \"personal_data\": false, \"trusted_environment\": true, \"sender_constrained\": true, \"policy_version\": 7}"));
        assertTrue(plan.empty(), plan::render);
    }

    @Test
    void setsCompareWithoutOrderAndInstantsByValue() {
        Plan plan = Planner.plan(
                desired(ObjectType.AGREEMENTS, false, "{\"id\": \"A\", \"parties\": [\"b\", \"a\"], \"datasets\": [\"d\"], \"purposes\": [\"p\"],"
                        + " \"not_before\": \"2026-01-01T00:00:00.000Z\", \"not_on_or_after\": \"2027-01-01T00:00:00Z\"}"),
                live(ObjectType.AGREEMENTS, "{\"id\": \"A\", \"parties\": [\"a\", \"b\"], \"datasets\": [\"d\"], \"purposes\": [\"p\"],"
                        + " \"not_before\": \"2026-01-01T00:00:00Z\", \"not_on_or_after\": \"2027-01-01T00:00:00Z\", \"status\": \"active\", \"consent_required\": false}"));
        assertTrue(plan.empty(), plan::render);
    }

    @Test
    void createUpdateAndUndeclaredLeftAloneUnlessFullyManaged() {
        String a = "{\"name\": \"a\", \"sensitivity\": \"open\"}";
        String b = "{\"name\": \"b\", \"sensitivity\": \"open\", \"display_name\": \"B\"}";
        String bLive = "{\"name\": \"b\", \"sensitivity\": \"open\", \"display_name\": \"old\"}";
        String c = "{\"name\": \"c\", \"sensitivity\": \"open\"}";

        Plan partial = Planner.plan(desired(ObjectType.DATASETS, false, a, b), live(ObjectType.DATASETS, bLive, c));
        assertEquals(List.of("+ datasets a", "~ datasets b [display_name]"), partial.changes().stream().map(Change::toString).toList());
        assertEquals(1, partial.untouched().get(ObjectType.DATASETS));

        Plan full = Planner.plan(desired(ObjectType.DATASETS, true, a, b), live(ObjectType.DATASETS, bLive, c));
        assertEquals(List.of("+ datasets a", "~ datasets b [display_name]", "- datasets c"), full.changes().stream().map(Change::toString).toList());
        assertTrue(full.render().contains("Plan: 1 to create, 1 to update, 1 to delete."), full::render);
    }

    @Test
    void deletesRunAfterUpsertsAndInReverseTypeOrder() {
        Map<ObjectType, Declaration> declarations = Map.of(
                ObjectType.DATASETS, new Declaration(ObjectType.DATASETS, true, Map.of()),
                ObjectType.AGREEMENTS, new Declaration(ObjectType.AGREEMENTS, true, Map.of()));
        ObjectNode d = obj(ObjectType.DATASETS, "{\"name\": \"d\", \"sensitivity\": \"open\"}");
        ObjectNode ag = obj(ObjectType.AGREEMENTS, "{\"id\": \"A\", \"parties\": [\"o\"], \"datasets\": [\"d\"], \"purposes\": [\"p\"],"
                + " \"not_before\": \"2026-01-01T00:00:00Z\", \"not_on_or_after\": \"2027-01-01T00:00:00Z\"}");
        LiveState live = new LiveState(Map.of(
                ObjectType.DATASETS, Map.of("d", new LiveObject(ObjectType.DATASETS, "d", d, null)),
                ObjectType.AGREEMENTS, Map.of("A", new LiveObject(ObjectType.AGREEMENTS, "A", ag, null))));
        Plan plan = Planner.plan(new DesiredState(declarations), live);
        assertEquals(List.of("- agreements A", "- datasets d"), plan.changes().stream().map(Change::toString).toList());
    }

    @Test
    void organisationDomainsAndAttributesCompareCanonically() {
        Plan plan = Planner.plan(
                desired(ObjectType.ORGANIZATIONS, false, "{\"alias\": \"o\", \"name\": \"O\", \"domains\": [{\"name\": \"b.example\"}, {\"name\": \"A.example\"}],"
                        + " \"attributes\": {\"t\": [\"y\", \"x\"]}}"),
                live(ObjectType.ORGANIZATIONS, "{\"id\": \"uuid\", \"alias\": \"o\", \"name\": \"O\", \"enabled\": true, \"attributes\": {\"t\": [\"x\", \"y\"]},"
                        + " \"domains\": [{\"name\": \"a.example\", \"verified\": false}, {\"name\": \"b.example\", \"verified\": false}], \"members\": []}"));
        assertTrue(plan.empty(), plan::render);
    }

    @Test
    void aReviewDefinitionAsTheServerStoresItEqualsTheShortFileThatDeclaredIt() {
        // The file leaves the defaults out; the server answers with every default, a re-spelled duration, its
        // version and time, and an empty user list dropped.
        String file = """
                {"id": "fin", "scope": {"selectors": [{"type": "group", "path": "/fin"}]},
                 "reviewers": {"o": {"type": "owner"}, "m": {"type": "manager"}, "u": {"type": "users", "users": ["ciso"]}},
                 "stages": [{"duration": "P7D", "reviewer": "o"}]}
                """;
        String server = """
                {"id": "fin", "name": "fin", "scope": {"selectors": [{"type": "group", "path": "/fin"}], "privileged_only": false},
                 "reviewers": {"m": {"type": "manager", "attribute": "manager", "levels": 3}, "o": {"type": "owner", "attribute": "city-iam.owner"},
                               "u": {"type": "users", "users": ["ciso"]}},
                 "stages": [{"name": "stage-1", "duration": "PT168H", "reviewer": "o", "advance_on": ["NO_RESPONSE", "ACCEPT"]}],
                 "non_response": "NO_CHANGE", "blast_radius": {"max_auto_revoke_percent": 100},
                 "remediation": {"mode": "AUTO", "leave_groups": true, "remove_composites": false}, "comments": "REVOKE_ONLY",
                 "inactive_after": "PT720H", "version": 4, "updated_at": "2026-12-01T10:00:00Z"}
                """;
        Plan plan = Planner.plan(desired(ObjectType.REVIEW_DEFINITIONS, false, file), live(ObjectType.REVIEW_DEFINITIONS, server));
        assertTrue(plan.empty(), plan::render);

        Plan changed = Planner.plan(desired(ObjectType.REVIEW_DEFINITIONS, false, file.replace("P7D", "P14D")),
                live(ObjectType.REVIEW_DEFINITIONS, server));
        assertEquals("~ review_definitions fin [stages]", changed.changes().get(0).toString());
    }

    @Test
    void scopeFiltersCompareInTheServersForm() {
        // The file writes single values, P90D and subjects: all; the server stores lists, PT2160H, and leaves all out.
        String base = "{\"id\": \"fin\", \"scope\": {\"selectors\": [{\"type\": \"group\", \"path\": \"/fin\"}], \"filters\": %s}, "
                + "\"reviewers\": {\"o\": {\"type\": \"owner\"}}, \"stages\": [{\"duration\": \"P7D\", \"reviewer\": \"o\"}]}";
        String file = base.formatted("{\"subject_attributes\": {\"department\": \"finance\", \"site\": [\"south\", \"north\"]},"
                + " \"inactive_for\": \"P90D\", \"subjects\": \"all\"}");
        String server = base.formatted("{\"subject_attributes\": {\"department\": [\"finance\"], \"site\": [\"south\", \"north\"]},"
                + " \"inactive_for\": \"PT2160H\"}");
        assertTrue(Planner.plan(desired(ObjectType.REVIEW_DEFINITIONS, false, file), live(ObjectType.REVIEW_DEFINITIONS, server)).empty());
        // Filters left empty are no filters.
        assertTrue(Planner.plan(desired(ObjectType.REVIEW_DEFINITIONS, false, base.formatted("{\"subjects\": \"all\"}")),
                live(ObjectType.REVIEW_DEFINITIONS, base.replace(", \"filters\": %s", ""))).empty());
        Plan changed = Planner.plan(desired(ObjectType.REVIEW_DEFINITIONS, false, file.replace("\"all\"", "\"guests\"")),
                live(ObjectType.REVIEW_DEFINITIONS, server));
        assertEquals("~ review_definitions fin [scope]", changed.changes().get(0).toString());
    }

    @Test
    void aStageThatAdvancesOnNothingDiffersFromTheDefault() {
        String base = "{\"id\": \"fin\", \"scope\": {\"selectors\": [{\"type\": \"group\", \"path\": \"/fin\"}]}, "
                + "\"reviewers\": {\"o\": {\"type\": \"owner\"}}, \"stages\": [{\"duration\": \"P7D\", \"reviewer\": \"o\"%s}]}";
        Plan plan = Planner.plan(desired(ObjectType.REVIEW_DEFINITIONS, false, base.formatted(", \"advance_on\": []")),
                live(ObjectType.REVIEW_DEFINITIONS, base.formatted("")));
        assertEquals(1, plan.changes().size(), plan::render);
    }

    private static DesiredState singleton(ObjectType type, boolean fullyManaged, String json) {
        Map<String, Declared> declared = json == null ? Map.of()
                : Map.of(ObjectType.SINGLETON_ID, new Declared(type, ObjectType.SINGLETON_ID, obj(type, json), type.fileName(), "/"));
        return new DesiredState(Map.of(type, new Declaration(type, fullyManaged, declared)));
    }

    private static LiveState liveSingleton(ObjectType type, String json) {
        return new LiveState(Map.of(type, Map.of(ObjectType.SINGLETON_ID, new LiveObject(type, ObjectType.SINGLETON_ID, obj(type, json), null))));
    }

    @Test
    void settingsLeftOutOrSpelledDifferentlyAreNotChanges() {
        // What GET /lifecycle/policies/leaver answers once only enabled was set.
        String live = "{\"enabled\": true, \"end_date_attribute\": \"valid_to\", \"hr_attribute\": \"hr_status\","
                + " \"hr_left_values\": [\"left\", \"terminated\"], \"remove_access\": true, \"unlink_identity_providers\": true, \"sla\": \"PT4H\"}";
        assertTrue(Planner.plan(singleton(ObjectType.LEAVER_POLICY, false, "{\"enabled\": true, \"hr_left_values\": [\"terminated\", \"left\"]}"),
                liveSingleton(ObjectType.LEAVER_POLICY, live)).empty());
        Plan changed = Planner.plan(singleton(ObjectType.LEAVER_POLICY, false, "{\"enabled\": true, \"sla\": \"P1D\"}"),
                liveSingleton(ObjectType.LEAVER_POLICY, live));
        assertEquals(List.of("sla"), changed.changes().get(0).fields(), changed::render);
        assertTrue(Planner.plan(singleton(ObjectType.HYGIENE_POLICY, false, "{\"interval\": \"P1D\", \"max_client_secret_age\": \"P365D\"}"),
                liveSingleton(ObjectType.HYGIENE_POLICY, "{\"enabled\": false, \"interval\": \"PT24H\", \"max_client_secret_age\": \"PT8760H\","
                        + " \"service_account_unused_after\": \"PT2160H\", \"pending_password_change_after\": \"PT336H\"}")).empty());
    }

    @Test
    void aFullyManagedNullResetsSettingsOnlyWhenTheyAreNotAtTheDefaults() {
        Plan reset = Planner.plan(singleton(ObjectType.HYGIENE_POLICY, true, null), liveSingleton(ObjectType.HYGIENE_POLICY, "{\"enabled\": true}"));
        assertEquals(1, reset.changes().size(), reset::render);
        assertEquals(Action.DELETE, reset.changes().get(0).action());
        assertTrue(Planner.plan(singleton(ObjectType.HYGIENE_POLICY, true, null), liveSingleton(ObjectType.HYGIENE_POLICY, "{}")).empty(),
                "a realm at the defaults has nothing to reset");
    }
}
