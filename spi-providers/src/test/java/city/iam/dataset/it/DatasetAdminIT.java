package city.iam.dataset.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static city.iam.dataset.it.DatasetCity.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API: who may call it, bad input refused with nothing changed, configuration as code, audit. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetAdminIT {

    private static final String AGREEMENTS = "/datasets/agreements";

    private TestServer server;
    private Http http;
    private DatasetCity city;
    private String admin;
    private String auditor;
    private String nobody;

    @BeforeAll
    void setUp(TestServer server) {
        this.server = server;
        http = server.http();
        city = new DatasetCity(server, "dsadmin");
        city.organization("utility-a", "utility");
        city.realm.user("dana", "Dana-pass-1", "dataset-admin");
        city.realm.user("ada", "Ada-pass-1", "auditor");
        city.realm.user("carl", "Carl-pass-1");
        admin = city.realm.token("dana", "Dana-pass-1");
        auditor = city.realm.token("ada", "Ada-pass-1");
        nobody = city.realm.token("carl", "Carl-pass-1");
        expect(200, put("/datasets", Map.of("datasets", List.of(dataset("ds-a", "quasi-sensitive")))));
    }

    private static Map<String, Object> dataset(String name, String sensitivity) {
        return new HashMap<>(Map.of("name", name, "sensitivity", sensitivity, "owner_organization", "city",
                "allowed_purposes", List.of("energy-planning"), "allowed_organizations", List.of("utility-a")));
    }

    private static Map<String, Object> agreement(String id, String dataset, String from, String to) {
        return new HashMap<>(Map.of("id", id, "parties", List.of("utility-a"), "datasets", List.of(dataset),
                "purposes", List.of("energy-planning"), "not_before", from, "not_on_or_after", to));
    }

    private Http.Reply put(String path, Object body) {
        return http.putJson(city.realm.adminPath(path), admin, body);
    }

    private static void error(int status, String code, Http.Reply r) {
        assertEquals(status, r.status(), r.toString());
        assertEquals(code, r.json().get("error").asText(), r.toString());
        assertTrue(r.json().get("error_description").asText().length() > 10, r.toString());
    }

    @Test
    void rolesAreCheckedOnEveryEndpoint() {
        for (String path : List.of("/datasets", "/datasets/ds-a", AGREEMENTS, "/datasets/export", "/datasets/decisions")) {
            assertEquals(403, http.get(city.realm.adminPath(path), nobody).status(), path);
            assertEquals(401, http.get(city.realm.adminPath(path), null).status(), path);
            assertEquals(200, http.get(city.realm.adminPath(path), auditor).status(), path);
            assertEquals(200, http.get(city.realm.adminPath(path), admin).status(), path);
        }
        error(403, "forbidden", http.putJson(city.realm.adminPath("/datasets/ds-b"), auditor, dataset("ds-b", "open")));
        error(403, "forbidden", http.putJson(city.realm.adminPath("/datasets/ds-b"), nobody, dataset("ds-b", "open")));
        error(403, "forbidden", http.postJson(city.realm.adminPath(AGREEMENTS), auditor,
                agreement("AG-Z", "ds-a", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")));
        error(403, "forbidden", http.postJson(city.realm.adminPath("/datasets/import"), auditor, Map.of("datasets", List.of())));
        error(403, "forbidden", http.postJson(city.realm.adminPath("/datasets/what-if"), nobody, Map.of("dataset", "ds-a")));
        assertEquals(200, http.postJson(city.realm.adminPath("/datasets/what-if"), auditor, Map.of("dataset", "ds-a")).status());
        error(403, "forbidden", http.send(http.request(city.realm.adminPath("/datasets/ds-a"), auditor).DELETE().build()));
        assertEquals(404, http.get(city.realm.adminPath("/datasets/ds-b"), admin).status(), "nothing was created");
    }

    @Test
    void badDatasetsChangeNothing() {
        error(400, "invalid_sensitivity", put("/datasets/ds-x", dataset("ds-x", "secret")));
        Map<String, Object> wrongType = dataset("ds-x", "open");
        wrongType.put("personal_data", "perhaps");
        error(400, "invalid_json", put("/datasets/ds-x", wrongType));
        Map<String, Object> unknownField = dataset("ds-x", "open");
        unknownField.put("colour", "red");
        error(400, "invalid_json", put("/datasets/ds-x", unknownField));
        Map<String, Object> badPurpose = dataset("ds-x", "open");
        badPurpose.put("allowed_purposes", List.of("Energy Planning"));
        error(400, "invalid_purpose", put("/datasets/ds-x", badPurpose));
        error(400, "duplicate_dataset", put("/datasets", Map.of("datasets", List.of(dataset("ds-y", "open"), dataset("ds-y", "open")))));
        // One bad dataset in a bulk call: the good ones before it are not written either.
        error(400, "invalid_time_window", put("/datasets", Map.of("datasets", List.of(dataset("ds-good", "open"),
                withWindow(dataset("ds-bad", "open"), "9 to 5")))));
        assertEquals(404, http.get(city.realm.adminPath("/datasets/ds-good"), admin).status());
        assertEquals(404, http.get(city.realm.adminPath("/datasets/ds-x"), admin).status());

        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i <= DatasetLimits.MAX_BULK; i++) {
            many.add(Map.of("name", "ds-" + i, "sensitivity", "open"));
        }
        error(413, "too_many_datasets", put("/datasets", Map.of("datasets", many)));
        assertEquals(404, http.get(city.realm.adminPath("/datasets/ds-0"), admin).status());
        error(413, "request_too_large", put("/datasets", "{\"datasets\":[" + "{},".repeat(3_000_000) + "{}]}"));
    }

    private static Map<String, JsonNode> withoutVersions(JsonNode datasets) {
        Map<String, JsonNode> byName = new HashMap<>();
        for (JsonNode d : datasets) {
            ObjectNode copy = d.deepCopy();
            copy.remove("policy_version");
            byName.put(d.get("name").asText(), copy);
        }
        return byName;
    }

    private static Map<String, Object> withWindow(Map<String, Object> d, String window) {
        d.put("time_window", window);
        return d;
    }

    @Test
    void badAgreementsChangeNothing() {
        error(400, "invalid_validity", http.postJson(city.realm.adminPath(AGREEMENTS), admin,
                agreement("AG-B", "ds-a", "2027-01-01T00:00:00Z", "2026-01-01T00:00:00Z")));
        error(400, "unknown_dataset", http.postJson(city.realm.adminPath(AGREEMENTS), admin,
                agreement("AG-B", "ds-nowhere", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")));
        error(400, "invalid_agreement", http.postJson(city.realm.adminPath(AGREEMENTS), admin,
                agreement("AG-B", "ds-a", "yesterday", "2027-01-01T00:00:00Z")));
        assertEquals(404, http.get(city.realm.adminPath(AGREEMENTS + "/AG-B"), admin).status());

        expect(201, http.postJson(city.realm.adminPath(AGREEMENTS), admin, agreement("AG-1", "ds-a", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")));
        error(409, "agreement_exists", http.postJson(city.realm.adminPath(AGREEMENTS), admin,
                agreement("AG-1", "ds-a", "2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z")));
        error(409, "duplicate_agreement", http.postJson(city.realm.adminPath(AGREEMENTS), admin,
                agreement("AG-2", "ds-a", "2026-06-01T00:00:00Z", "2028-01-01T00:00:00Z")));
        expect(201, http.postJson(city.realm.adminPath(AGREEMENTS), admin,
                agreement("AG-3", "ds-a", "2027-01-01T00:00:00Z", "2028-01-01T00:00:00Z")));
        error(409, "dataset_in_use", http.send(http.request(city.realm.adminPath("/datasets/ds-a"), admin).DELETE().build()));
        assertEquals(200, http.get(city.realm.adminPath("/datasets/ds-a"), admin).status());
    }

    @Test
    void decisionEndpointRefusesBadQuestionsClearly() {
        String carl = city.token("portal", "carl", "Carl-pass-1");
        error(404, "dataset_not_found", city.decision(carl, "ds-nowhere", "data:read", null));
        error(400, "invalid_scope", city.decision(carl, "ds-a", "data:write", null));
        error(400, "invalid_purpose", city.decision(carl, "ds-a", "data:read", "Energy Planning!"));
        error(401, "invalid_token", city.decision(null, "ds-a", "data:read", null));
        error(401, "invalid_token", city.decision(carl + "x", "ds-a", "data:read", null));
        error(400, "invalid_json", http.postJson("/realms/" + city.realm.name() + "/datasets/decision", carl, "{\"dataset\":"));
    }

    @Test
    void attributesBrokenThroughTheStockApiFailClosed() {
        expect(201, put("/datasets/ds-broken", Map.of("sensitivity", "open")));
        String client = city.realm.clientUuid("city-data-platform");
        String authz = city.realm.adminPath("/clients/" + client + "/authz/resource-server/resource");
        JsonNode resource = http.get(authz + "?name=ds-broken&exactName=true", server.masterToken()).json().get(0);
        ((ObjectNode) resource.get("attributes")).putArray("sensitivity").add("kind-of-open");
        expect(204, http.putJson(authz + "/" + resource.get("_id").asText(), server.masterToken(), resource));

        String carl = city.token("portal", "carl", "Carl-pass-1");
        JsonNode answer = expect(200, city.decision(carl, "ds-broken", "data:read", null)).json();
        assertEquals("DENY", answer.get("decision").asText());
        assertEquals("POLICY_MISCONFIGURED", answer.get("reasons").get(0).asText());
        assertEquals(403, city.uma(carl, "ds-broken#metadata:read", null).status(), "not even metadata");
        JsonNode listed = http.get(city.realm.adminPath("/datasets/ds-broken"), admin).json();
        assertTrue(listed.get("problem").asText().contains("kind-of-open"), listed.toString());
        expect(204, http.send(http.request(city.realm.adminPath("/datasets/ds-broken"), admin).DELETE().build()));
    }

    @Test
    void exportImportsIntoAnotherRealmUnchangedAndEveryChangeIsAudited() {
        expect(201, http.postJson(city.realm.adminPath(AGREEMENTS), admin, agreement("AG-E", "ds-a", "2030-01-01T00:00:00Z", "2031-01-01T00:00:00Z")));
        JsonNode bundle = expect(200, http.get(city.realm.adminPath("/datasets/export"), admin)).json();
        assertTrue(bundle.get("datasets").size() >= 1 && bundle.get("agreements").size() >= 1, bundle.toString());

        DatasetCity other = new DatasetCity(server, "dsimport");
        other.realm.user("dana", "Dana-pass-1", "dataset-admin");
        String otherAdmin = other.realm.token("dana", "Dana-pass-1");
        JsonNode result = expect(200, http.postJson(other.realm.adminPath("/datasets/import"), otherAdmin, bundle)).json();
        assertEquals(bundle.get("datasets").size(), result.at("/datasets/created").size());
        JsonNode again = expect(200, http.get(other.realm.adminPath("/datasets/export"), otherAdmin)).json();
        assertEquals(bundle.get("agreements"), again.get("agreements"));
        assertEquals(bundle.get("datasets").size(), again.get("datasets").size());
        assertEquals(withoutVersions(bundle.get("datasets")), withoutVersions(again.get("datasets")));

        other.realm.user("ada", "Ada-pass-1", "auditor");
        String otherAuditor = other.realm.token("ada", "Ada-pass-1");
        JsonNode chain = http.get(other.realm.adminPath("/city-iam/audit?action=datasets.imported"), otherAuditor).json();
        assertEquals(1, chain.size(), chain.toString());
        assertEquals("dana", chain.get(0).at("/actor/name").asText());
        JsonNode events = http.get(other.realm.adminPath("/admin-events?operationTypes=UPDATE&resourcePath=datasets/import"),
                server.masterToken()).json();
        assertEquals(1, events.size(), events.toString());
    }

    @Test
    void aDeletedRealmLeavesNoDecisionRecordsBehind() throws Exception {
        Assumptions.assumeTrue(server.database().isPresent(), "database reachable from the test JVM");
        DatasetCity gone = new DatasetCity(server, "dsgone");
        gone.realm.user("dana", "Dana-pass-1", "dataset-admin");
        expect(200, http.putJson(gone.realm.adminPath("/datasets"), gone.realm.token("dana", "Dana-pass-1"),
                Map.of("datasets", List.of(Map.of("name", "ds-open", "sensitivity", "open")))));
        gone.member(null, "carl", "Carl-pass-1", Map.of());
        String token = gone.token("portal", "carl", "Carl-pass-1");
        String realmId = gone.realm.realmId();
        // Denials and data reads are audited: a burst of them is still queued when the realm goes.
        for (int i = 0; i < 300; i++) {
            expect(200, gone.decision(token, "ds-open", "data:read", null));
        }
        gone.realm.delete();
        Thread.sleep(3_000);
        try (Connection c = server.database().orElseThrow().connect();
             PreparedStatement q = c.prepareStatement("select count(*) from CITYIAM_DS_DECISION where REALM_ID = ?")) {
            q.setString(1, realmId);
            try (ResultSet rs = q.executeQuery()) {
                assertTrue(rs.next());
                assertEquals(0, rs.getLong(1));
            }
        }
    }
}
