package city.iam.federation.it;

import city.iam.testing.Browser;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * B8 against a real server: the city's first-broker-login flow has "Organization member onboard (verified email
 * domain)" instead of the stock step; a user of the organisation's domain joins, a user of another domain logging
 * in through the same organisation IdP does not, and both decisions are in the audit chain.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrganizationMembershipIT {

    private static final String FLOW = "city first broker login";

    private StakeholderIdp idp;
    private Http http;
    private String orgId;

    @BeforeAll
    void setUp(TestServer server) {
        http = server.http();
        idp = new StakeholderIdp(server, "b8");
        idp.upstreamUser("alice", "Alice-pass-1", "alice@utility-a.example");
        idp.upstreamUser("mallory", "Mallory-pass-1", "mallory@elsewhere.example");
        idp.brokerWithAssurance("utility-org", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        idp.city.user("ada", "Ada-pass-1", "auditor");
        String admin = server.masterToken();
        StakeholderIdp.expect(204, http.putJson("/admin/realms/" + idp.city.name(), admin, Map.of("organizationsEnabled", true)));
        Http.Reply org = http.postJson(idp.city.adminPath("/organizations"), admin, Map.of("name", "Utility A", "alias", "utility-a",
                "domains", List.of(Map.of("name", "utility-a.example")), "attributes", Map.of("stakeholderType", List.of("utility"))));
        StakeholderIdp.expect(201, org);
        String location = org.headers().firstValue("Location").orElseThrow();
        orgId = location.substring(location.lastIndexOf('/') + 1);
        StakeholderIdp.expect(204, http.postJson(idp.city.adminPath("/organizations/" + orgId + "/identity-providers"), admin, "\"utility-org\""));
        gatedFirstBrokerLoginFlow(admin);
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/clients/" + idp.city.clientUuid(StakeholderIdp.APP) + "/protocol-mappers/models"),
                admin, Map.of("name", "stakeholder types", "protocol", "openid-connect", "protocolMapper", "city-stakeholder-type-mapper",
                        "config", Map.of("access.token.claim", "true", "id.token.claim", "true"))));
        ObjectNode rep = (ObjectNode) http.get(idp.city.adminPath("/identity-provider/instances/utility-org"), admin).json();
        rep.put("trustEmail", true);
        rep.put("firstBrokerLoginFlowAlias", FLOW);
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/identity-provider/instances/utility-org"), admin, rep));
    }

    /** A copy of "first broker login" with the stock organisation onboarding step replaced by ours. */
    private void gatedFirstBrokerLoginFlow(String admin) {
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/authentication/flows/" + enc("first broker login") + "/copy"),
                admin, Map.of("newName", FLOW)));
        JsonNode executions = http.get(idp.city.adminPath("/authentication/flows/" + enc(FLOW) + "/executions"), admin).json();
        String parent = null;
        String stockId = null;
        String[] lastFlowAtLevel = new String[10];
        for (JsonNode e : executions) {
            int level = e.get("level").asInt();
            if (e.path("authenticationFlow").asBoolean()) {
                lastFlowAtLevel[level] = e.get("displayName").asText();
            }
            if ("idp-add-organization-member".equals(e.path("providerId").asText())) {
                stockId = e.get("id").asText();
                parent = level == 0 ? FLOW : lastFlowAtLevel[level - 1];
            }
        }
        assertTrue(stockId != null, "stock organisation step not found in " + executions);
        StakeholderIdp.expect(204, http.delete(idp.city.adminPath("/authentication/executions/" + stockId), admin));
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/authentication/flows/" + enc(parent) + "/executions/execution"),
                admin, Map.of("provider", "city-org-member-domain-gate")));
        for (JsonNode e : http.get(idp.city.adminPath("/authentication/flows/" + enc(FLOW) + "/executions"), admin).json()) {
            if ("city-org-member-domain-gate".equals(e.path("providerId").asText())) {
                ObjectNode ours = (ObjectNode) e;
                ours.put("requirement", "REQUIRED");
                StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/authentication/flows/" + enc(FLOW) + "/executions"), admin, ours));
            }
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode login(String user, String password) {
        Browser browser = new Browser(StakeholderIdp.APP_REDIRECT);
        Browser.Page page = browser.open(idp.authUrl("utility-org", ""));
        assertEquals(200, page.status(), page.body());
        Browser.Page done = browser.submit(page, Map.of("username", user, "password", password, "credentialId", ""));
        assertTrue(done.reached(StakeholderIdp.APP_REDIRECT), user + " ended at " + done.url() + " " + done.status() + " " + done.body());
        return StakeholderIdp.claims(idp.exchange(done.query("code")).get("access_token").asText());
    }

    @Test
    void onlyVerifiedEmailsOfTheOrganisationsDomainJoin() {
        JsonNode alice = login("alice", "Alice-pass-1");
        JsonNode mallory = login("mallory", "Mallory-pass-1");
        // B1: the member's token names the stakeholder type of her organisation; the non-member's does not.
        assertEquals("utility", alice.path("stakeholder_types").path(0).asText(), alice.toString());
        assertTrue(mallory.path("stakeholder_types").isMissingNode(), mallory.toString());
        String admin = idp.server.masterToken();
        JsonNode members = http.get(idp.city.adminPath("/organizations/" + orgId + "/members"), admin).json();
        List<String> names = new java.util.ArrayList<>();
        members.forEach(m -> names.add(m.get("username").asText()));
        String auditorToken = idp.city.token("ada", "Ada-pass-1");
        assertTrue(names.contains("alice"), names + " | audit: "
                + http.get(idp.city.adminPath("/city-iam/audit?max=20&order=desc"), auditorToken).body()
                + " | users: " + http.get(idp.city.adminPath("/users"), admin).body()
                + " | flow: " + http.get(idp.city.adminPath("/authentication/flows/" + enc(FLOW) + "/executions"), admin).body());
        assertTrue(!names.contains("mallory"), names.toString());

        String auditor = idp.city.token("ada", "Ada-pass-1");
        JsonNode added = http.get(idp.city.adminPath("/city-iam/audit?action=federation.org.member.added"), auditor).json();
        assertEquals(1, added.size(), added.toString());
        assertEquals("utility-a", added.get(0).get("payload").get("organization").asText());
        JsonNode skipped = http.get(idp.city.adminPath("/city-iam/audit?action=federation.org.member.skipped"), auditor).json();
        assertEquals(1, skipped.size(), skipped.toString());
        assertEquals("domain_not_of_organization", skipped.get(0).get("payload").get("decision").asText());
    }
}
