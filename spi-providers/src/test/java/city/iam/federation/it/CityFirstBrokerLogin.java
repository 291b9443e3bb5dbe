package city.iam.federation.it;

import city.iam.testing.Http;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The first-broker-login flow a city configures (docs/federation.md): a copy of Keycloak's "first broker login"
 * with the stock organisation onboarding replaced by the verified-domain gate ({@code city-org-member-domain-gate})
 * and the safe auto-link ({@code city-safe-auto-link}) as an alternative right after "Create User If Unique".
 */
final class CityFirstBrokerLogin {

    private final StakeholderIdp idp;
    private final Http http;
    private final String flow;

    private CityFirstBrokerLogin(StakeholderIdp idp, String flow) {
        this.idp = idp;
        this.http = idp.http;
        this.flow = flow;
    }

    /** Creates the flow in the city realm; answers its alias. */
    static String create(StakeholderIdp idp, String flow) {
        new CityFirstBrokerLogin(idp, flow).build();
        return flow;
    }

    private void build() {
        String admin = idp.server.masterToken();
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/authentication/flows/" + enc("first broker login") + "/copy"),
                admin, Map.of("newName", flow)));
        JsonNode stock = find("idp-add-organization-member");
        String memberParent = parentOf(stock);
        StakeholderIdp.expect(204, http.delete(idp.city.adminPath("/authentication/executions/" + stock.get("id").asText()), admin));
        add(memberParent, "city-org-member-domain-gate", "REQUIRED");
        add(parentOf(find("idp-create-user-if-unique")), "city-safe-auto-link", "ALTERNATIVE");
        // Added last in its sub-flow; one step up puts it right after "Create User If Unique".
        StakeholderIdp.expect(204, http.postJson(idp.city.adminPath("/authentication/executions/"
                + find("city-safe-auto-link").get("id").asText() + "/raise-priority"), admin, ""));
    }

    private void add(String parent, String provider, String requirement) {
        String admin = idp.server.masterToken();
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/authentication/flows/" + enc(parent) + "/executions/execution"),
                admin, Map.of("provider", provider)));
        ObjectNode ours = (ObjectNode) find(provider);
        ours.put("requirement", requirement);
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/authentication/flows/" + enc(flow) + "/executions"), admin, ours));
    }

    private JsonNode executions() {
        return http.get(idp.city.adminPath("/authentication/flows/" + enc(flow) + "/executions"), idp.server.masterToken()).json();
    }

    private JsonNode find(String provider) {
        for (JsonNode e : executions()) {
            if (provider.equals(e.path("providerId").asText())) {
                return e;
            }
        }
        throw new AssertionError("no " + provider + " step in " + executions());
    }

    private String parentOf(JsonNode target) {
        String[] lastFlowAtLevel = new String[10];
        for (JsonNode e : executions()) {
            int level = e.get("level").asInt();
            if (e.get("id").asText().equals(target.get("id").asText())) {
                return level == 0 ? flow : lastFlowAtLevel[level - 1];
            }
            if (e.path("authenticationFlow").asBoolean()) {
                lastFlowAtLevel[level] = e.get("displayName").asText();
            }
        }
        throw new AssertionError("no parent for " + target);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
