package city.iam.dataset.it;

import city.iam.testing.DpopProof;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static city.iam.dataset.it.DatasetCity.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Research § 4 scenarios S1–S3 against a real server: UMA and the decision endpoint agree, with reasons. */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetAuthorizationIT {

    private Http http;
    private DatasetCity city;
    private String admin;
    private String auditor;

    @BeforeAll
    void setUp(TestServer server) {
        http = server.http();
        city = new DatasetCity(server, "datasets");
        String utility = city.organization("utility-a", "utility");
        String vendor = city.organization("vendor-b", "vendor");
        String uni = city.organization("uni", "research");
        city.member(utility, "alice", "Alice-pass-1", Map.of());
        city.member(utility, "ops-shared", "Shared-pass-1", Map.of("city-iam.account-type", List.of("shared")));
        city.member(vendor, "bob", "Bob-pass-1", Map.of());
        city.member(uni, "rhea", "Rhea-pass-1", Map.of());
        city.realm.user("dana", "Dana-pass-1", "dataset-admin");
        city.realm.user("ada", "Ada-pass-1", "auditor");
        city.realm.user("carl", "Carl-pass-1");
        admin = city.realm.token("dana", "Dana-pass-1");
        auditor = city.realm.token("ada", "Ada-pass-1");

        expect(200, http.putJson(city.realm.adminPath("/datasets"), admin, Map.of("datasets", List.of(
                Map.of("name", "ds-energy-q", "sensitivity", "quasi-sensitive", "owner_organization", "city",
                        "allowed_purposes", List.of("energy-planning"), "allowed_organizations", List.of("utility-a"),
                        "time_window", "Europe/Paris MON-FRI 07:00-19:00"),
                Map.of("name", "ds-health-s", "sensitivity", "sensitive", "owner_organization", "city",
                        "allowed_purposes", List.of("research"), "allowed_organizations", List.of("uni")),
                Map.of("name", "ds-health-s-loa", "sensitivity", "sensitive", "owner_organization", "city",
                        "allowed_purposes", List.of("research"), "allowed_organizations", List.of("uni"), "minimum_assurance", "2"),
                Map.of("name", "ds-parking-o", "sensitivity", "open")))));
        agreement("AG-1", "utility-a", "ds-energy-q", "energy-planning", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        agreement("AG-R", "uni", "ds-health-s", "research", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        agreement("AG-RL", "uni", "ds-health-s-loa", "research", Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(30)));
        // Make the energy dataset readable around the clock for the enforced scenarios; S3 judges the window by what-if.
        JsonNode energy = http.get(city.realm.adminPath("/datasets/ds-energy-q"), admin).json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) energy).remove("time_window");
        ((com.fasterxml.jackson.databind.node.ObjectNode) energy).remove("policy_version");
        expect(200, http.putJson(city.realm.adminPath("/datasets/ds-energy-q"), admin, energy));
    }

    private Http.Reply agreement(String id, String party, String dataset, String purpose, Instant from, Instant to) {
        return expect(201, http.postJson(city.realm.adminPath("/datasets/agreements"), admin, Map.of(
                "id", id, "parties", List.of(party), "datasets", List.of(dataset), "purposes", List.of(purpose),
                "not_before", from.toString(), "not_on_or_after", to.toString())));
    }

    @Test
    void s1PurposeAgreementAndOrganisationDecideAlikeOverUmaAndTheDecisionEndpoint() {
        String alice = city.token("portal", "alice", "Alice-pass-1");
        Http.Reply permit = city.uma(alice, "ds-energy-q#data:read", "energy-planning");
        assertEquals(200, permit.status(), permit.toString());
        assertTrue(permit.json().get("result").asBoolean());
        JsonNode answer = expect(200, city.decision(alice, "ds-energy-q", "data:read", "energy-planning")).json();
        assertEquals("PERMIT", answer.get("decision").asText());
        assertEquals("AG-1", answer.get("agreement").asText());

        Http.Reply marketing = city.uma(alice, "ds-energy-q#data:read", "marketing");
        assertEquals(403, marketing.status(), marketing.toString());
        assertEquals("access_denied", marketing.json().get("error").asText());
        assertEquals(List.of("PURPOSE_NOT_ALLOWED"), reasons(city.decision(alice, "ds-energy-q", "data:read", "marketing").json()));

        String bob = city.token("portal", "bob", "Bob-pass-1");
        assertEquals(403, city.uma(bob, "ds-energy-q#data:read", "energy-planning").status());
        assertEquals("ORG_NOT_ALLOWED", reasons(city.decision(bob, "ds-energy-q", "data:read", "energy-planning").json()).get(0));

        JsonNode records = awaitDecisions("subject=" + id("alice") + "&dataset=ds-energy-q&result=DENY", 2);
        boolean umaRecorded = false;
        for (JsonNode r : records) {
            assertEquals("PURPOSE_NOT_ALLOWED", r.get("reasons").get(0).asText());
            assertEquals("marketing", r.get("purpose").asText());
            assertEquals("quasi-sensitive", r.get("sensitivity").asText());
            assertEquals(List.of("utility-a"), List.of(r.get("organizations").get(0).asText()));
            assertTrue(r.get("policy_version").asInt() >= 2);
            umaRecorded |= "uma".equals(r.get("channel").asText());
        }
        assertTrue(umaRecorded, "the UMA denial is in the decision audit too: " + records);
    }

    @Test
    void expiringAnAgreementFlipsTheSameTokenToAgreementExpired() {
        expect(201, http.putJson(city.realm.adminPath("/datasets/ds-parking-q"), admin, Map.of("sensitivity", "quasi-sensitive",
                "owner_organization", "city", "allowed_purposes", List.of("traffic"), "allowed_organizations", List.of("utility-a"))));
        Instant from = Instant.now().minus(Duration.ofDays(1));
        expect(201, http.putJson(city.realm.adminPath("/datasets/agreements/AG-P"), admin, Map.of("parties", List.of("utility-a"),
                "datasets", List.of("ds-parking-q"), "purposes", List.of("traffic"), "not_before", from.toString(),
                "not_on_or_after", Instant.now().plus(Duration.ofDays(1)).toString())));
        String alice = city.token("portal", "alice", "Alice-pass-1");
        assertEquals(200, city.uma(alice, "ds-parking-q#data:read", "traffic").status());

        expect(200, http.putJson(city.realm.adminPath("/datasets/agreements/AG-P"), admin, Map.of("parties", List.of("utility-a"),
                "datasets", List.of("ds-parking-q"), "purposes", List.of("traffic"), "not_before", from.toString(),
                "not_on_or_after", Instant.now().minusSeconds(5).toString())));
        assertEquals(403, city.uma(alice, "ds-parking-q#data:read", "traffic").status(), "same token, no re-issue");
        assertEquals(List.of("AGREEMENT_EXPIRED"), reasons(city.decision(alice, "ds-parking-q", "data:read", "traffic").json()));
    }

    @Test
    void personalDataUnderAConsentAgreementNeedsTheUsersConsentToTheClient() {
        expect(201, http.putJson(city.realm.adminPath("/datasets/ds-meters-q"), admin, Map.of("sensitivity", "quasi-sensitive",
                "owner_organization", "city", "allowed_purposes", List.of("billing"), "allowed_organizations", List.of("utility-a"),
                "personal_data", true)));
        expect(201, http.putJson(city.realm.adminPath("/datasets/agreements/AG-C"), admin, Map.of("parties", List.of("utility-a"),
                "datasets", List.of("ds-meters-q"), "purposes", List.of("billing"), "consent_required", true,
                "not_before", Instant.now().minus(Duration.ofDays(1)).toString(),
                "not_on_or_after", Instant.now().plus(Duration.ofDays(1)).toString())));
        String alice = city.token("portal", "alice", "Alice-pass-1");
        assertEquals(403, city.uma(alice, "ds-meters-q#data:read", "billing").status());
        assertEquals(List.of("CONSENT_MISSING"), reasons(city.decision(alice, "ds-meters-q", "data:read", "billing").json()));

        // Alice consents to the portal through Keycloak's own account API; the same token is then allowed.
        expect(200, http.postJson("/realms/" + city.realm.name() + "/account/applications/portal/consent", alice,
                Map.of("grantedScopes", List.of())));
        assertEquals(200, city.uma(alice, "ds-meters-q#data:read", "billing").status());
        assertEquals("PERMIT", city.decision(alice, "ds-meters-q", "data:read", "billing").json().get("decision").asText());
    }

    @Test
    void sharedAccountIsRefusedAsNotIndividual() {
        String shared = city.token("portal", "ops-shared", "Shared-pass-1");
        assertEquals(403, city.uma(shared, "ds-energy-q#data:read", "energy-planning").status());
        assertEquals(List.of("NOT_INDIVIDUAL"), reasons(city.decision(shared, "ds-energy-q", "data:read", "energy-planning").json()));
    }

    @Test
    void s2CatalogueListsMetadataOfEveryClassAndSensitiveDataNeedsTheTrustedBoundClient() {
        Http.Reply sa = expect(200, http.postForm("/realms/" + city.realm.name() + "/protocol/openid-connect/token", null, Map.of(
                "grant_type", "client_credentials", "client_id", "city-data-platform", "client_secret", "platform-secret-1")));
        Http.Reply catalogue = http.postForm("/realms/" + city.realm.name() + "/protocol/openid-connect/token",
                sa.json().get("access_token").asText(), Map.of("grant_type", "urn:ietf:params:oauth:grant-type:uma-ticket",
                        "audience", "city-data-platform", "permission", "#metadata:read", "response_mode", "permissions"));
        assertEquals(200, catalogue.status(), catalogue.toString());
        List<String> listed = new ArrayList<>();
        for (JsonNode p : catalogue.json()) {
            listed.add(p.get("rsname").asText());
            assertEquals("[\"metadata:read\"]", p.get("scopes").toString(), "metadata only: " + p);
        }
        assertTrue(listed.containsAll(List.of("ds-energy-q", "ds-health-s", "ds-parking-o")), listed.toString());

        String portal = city.token("portal", "rhea", "Rhea-pass-1");
        assertEquals(403, city.uma(portal, "ds-health-s#data:read", "research").status());
        assertEquals(List.of("DEVICE_NOT_TRUSTED"), reasons(city.decision(portal, "ds-health-s", "data:read", "research").json()));

        String plainWorkbench = city.token("workbench", "rhea", "Rhea-pass-1");
        assertEquals(List.of("DEVICE_NOT_TRUSTED"), reasons(city.decision(plainWorkbench, "ds-health-s", "data:read", "research").json()),
                "a trusted client with an unbound token is still refused");

        DpopProof key = new DpopProof();
        String bound = city.login("workbench", "rhea", "Rhea-pass-1", key.proof("POST", city.tokenUrl(), null)).json().get("access_token").asText();
        String url = http.baseUrl() + "/realms/" + city.realm.name() + "/datasets/decision";
        Http.Reply permit = http.send(http.request(url, null).header("Authorization", "DPoP " + bound)
                .header("DPoP", key.proof("POST", url, bound)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dataset\":\"ds-health-s\",\"scope\":\"data:read\",\"purpose\":\"research\"}")).build());
        assertEquals(200, permit.status(), permit.toString());
        assertEquals("PERMIT", permit.json().get("decision").asText(), permit.toString());

        Http.Reply stolen = http.send(http.request(url, null).header("Authorization", "DPoP " + bound)
                .header("DPoP", new DpopProof().proof("POST", url, bound)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"dataset\":\"ds-health-s\",\"scope\":\"data:read\",\"purpose\":\"research\"}")).build());
        assertEquals(401, stolen.status(), "a proof from another key is refused: " + stolen);
    }

    @Test
    void assuranceTooLowTellsTheClientWhichAcrToAskFor() {
        String bound = city.token("workbench", "rhea", "Rhea-pass-1");
        JsonNode answer = city.decision(bound, "ds-health-s-loa", "data:read", "research").json();
        assertTrue(reasons(answer).contains("ASSURANCE_TOO_LOW"), answer.toString());
        assertEquals("2", answer.get("acr_values").asText());
    }

    @Test
    void s3WhatIfTracesEveryCheckIssuesNothingAndIsAuditedOnceAsSimulated() {
        JsonNode windowed = http.get(city.realm.adminPath("/datasets/ds-energy-q"), admin).json();
        Map<String, Object> rep = new java.util.HashMap<>(Http.JSON.convertValue(windowed, Map.class));
        rep.put("time_window", "Europe/Paris MON-FRI 07:00-19:00");
        rep.remove("policy_version");
        rep.put("name", "ds-energy-w");
        expect(201, http.putJson(city.realm.adminPath("/datasets/ds-energy-w"), admin, rep));
        expect(201, http.postJson(city.realm.adminPath("/datasets/agreements"), admin, Map.of("id", "AG-W",
                "parties", List.of("utility-a"), "datasets", List.of("ds-energy-w"), "purposes", List.of("energy-planning"),
                "not_before", "2026-01-01T00:00:00Z", "not_on_or_after", "2030-01-01T00:00:00Z")));

        // 03:00 in Paris on a Tuesday: outside the window, everything else in order.
        JsonNode trace = expect(200, http.postJson(city.realm.adminPath("/datasets/what-if"), admin, Map.of(
                "user", "alice", "dataset", "ds-energy-w", "scope", "data:read", "purpose", "energy-planning",
                "time", "2026-11-24T02:00:00Z"))).json();
        assertEquals("DENY", trace.get("decision").asText());
        assertEquals(List.of("OUTSIDE_TIME_WINDOW"), reasons(trace));
        assertTrue(trace.get("simulated").asBoolean());
        List<String> checks = new ArrayList<>();
        for (JsonNode step : trace.get("trace")) {
            checks.add(step.get("check").asText() + ":" + step.get("passed").asBoolean());
        }
        assertEquals(List.of("organization:true", "individual:true", "agreement:true", "time-window:false"), checks);

        JsonNode noon = http.postJson(city.realm.adminPath("/datasets/what-if"), admin, Map.of(
                "user", "alice", "dataset", "ds-energy-w", "purpose", "energy-planning", "time", "2026-11-24T11:00:00Z")).json();
        assertEquals("PERMIT", noon.get("decision").asText(), noon.toString());

        JsonNode simulated = awaitDecisions("dataset=ds-energy-w&simulated=true", 2);
        long matching = 0;
        for (JsonNode r : simulated) {
            assertEquals("what-if", r.get("channel").asText());
            matching += r.get("id").asText().equals(trace.get("decision_id").asText()) ? 1 : 0;
        }
        assertEquals(1, matching, "exactly one simulated record for the what-if: " + simulated);
        assertEquals(0, decisions("dataset=ds-energy-w&simulated=false").size(), "a what-if is never an enforced decision");

        JsonNode sessions = http.get(city.realm.adminPath("/users/" + id("alice") + "/sessions"), city.server.masterToken()).json();
        for (JsonNode s : sessions) {
            assertFalse(s.get("clients").has(city.realm.clientUuid("city-data-platform")), "no RPT or session for the resource server");
        }
    }

    @Test
    void enforcedDecisionsCarryIdVersionAndLatency() {
        String alice = city.token("portal", "alice", "Alice-pass-1");
        JsonNode answer = city.decision(alice, "ds-energy-q", "data:read", "energy-planning").json();
        String id = answer.get("decision_id").asText();
        JsonNode found = null;
        for (int i = 0; i < 50 && found == null; i++) {
            for (JsonNode r : decisions("dataset=ds-energy-q&result=PERMIT")) {
                if (r.get("id").asText().equals(id)) {
                    found = r;
                }
            }
            sleep();
        }
        assertTrue(found != null, "decision " + id + " recorded");
        assertEquals("decision", found.get("channel").asText());
        assertEquals("AG-1", found.get("agreement").asText());
        assertTrue(found.get("latency_micros").asLong() > 0);
        assertEquals(http.get(city.realm.adminPath("/datasets/ds-energy-q"), admin).json().get("policy_version").asInt(),
                found.get("policy_version").asInt());
    }

    private JsonNode decisions(String query) {
        return expect(200, http.get(city.realm.adminPath("/datasets/decisions?" + query), auditor)).json();
    }

    private JsonNode awaitDecisions(String query, int atLeast) {
        JsonNode found = null;
        for (int i = 0; i < 50; i++) {
            found = decisions(query);
            if (found.size() >= atLeast) {
                return found;
            }
            sleep();
        }
        throw new AssertionError("expected " + atLeast + " decision records for " + query + ", found " + found);
    }

    private String id(String username) {
        return http.get(city.realm.adminPath("/users?exact=true&username=" + username), city.server.masterToken()).json().get(0).get("id").asText();
    }

    private static List<String> reasons(JsonNode answer) {
        List<String> list = new ArrayList<>();
        answer.get("reasons").forEach(r -> list.add(r.asText()));
        return list;
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
