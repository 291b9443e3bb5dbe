package city.iam.federation.it;

import city.iam.testing.Browser;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An enabled IdP that fails after the person was sent there (its token endpoint does not answer): a
 * {@code city-oidc} IdP ends on the city's page saying what happened and what to do; a stock {@code oidc} IdP
 * with the same fault ends on Keycloak's generic broker error (the control that shows the difference is ours).
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UnreachableIdpIT {

    private StakeholderIdp idp;

    @BeforeAll
    void setUp(TestServer server) {
        idp = new StakeholderIdp(server, "down");
        idp.upstreamUser("alice", "Alice-pass-1", "alice@utility-a.example");
        idp.broker("down-city", "city-oidc");
        idp.broker("down-stock", "oidc");
        for (String alias : new String[] {"down-city", "down-stock"}) {
            breakTokenEndpoint(server.http(), server.masterToken(), alias);
        }
    }

    /** Port 1 on the loopback refuses connections: the IdP's back channel is down, its login page is not. */
    private void breakTokenEndpoint(Http http, String admin, String alias) {
        ObjectNode rep = (ObjectNode) http.get(idp.city.adminPath("/identity-provider/instances/" + alias), admin).json();
        ((ObjectNode) rep.get("config")).put("tokenUrl", "http://127.0.0.1:1/token");
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/identity-provider/instances/" + alias), admin, rep));
    }

    private Browser.Page login(String hint) {
        Browser browser = new Browser(StakeholderIdp.APP_REDIRECT);
        Browser.Page page = browser.open(idp.authUrl(hint, ""));
        assertEquals(200, page.status(), page.body());
        assertTrue(page.url().contains("/realms/" + idp.upstream.name() + "/"), page.url());
        return browser.submit(page, Map.of("username", "alice", "password", "Alice-pass-1", "credentialId", ""));
    }

    @Test
    void cityIdpThatStopsAnsweringGetsAClearPage() {
        Browser.Page city = login("down-city");
        Browser.Page stock = login("down-stock");
        assertFalse(city.reached(StakeholderIdp.APP_REDIRECT));
        assertTrue(city.status() >= 400, city.status() + " " + city.url());
        assertTrue(city.body().contains("sign-in service is not answering right now"), city.body());
        assertFalse(city.body().contains("Unexpected error when authenticating"), city.body());
        assertEquals(stock.status(), city.status(), "same status as the stock broker; only the page says more");
        assertTrue(stock.body().contains("Unexpected error when authenticating with identity provider"), stock.body());
    }
}
