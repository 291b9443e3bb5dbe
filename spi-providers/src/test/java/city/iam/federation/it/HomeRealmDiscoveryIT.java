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
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario S4's discovery and enumeration checks (B2) against a real server, with the city's browser flow being
 * "Home-realm discovery, enumeration-neutral": an organisation's domain goes to its IdP whether or not the
 * account exists (CVE-2026-4633 / keycloak#52676); an existing local user and an unknown address of another
 * domain get the same page; no organisation IdP is named on the pages (keycloak#45422); login_hint is honoured.
 */
@ExtendWith(KeycloakServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HomeRealmDiscoveryIT {

    private static final String FLOW = "city discovery";
    private static final Pattern INPUT_NAME = Pattern.compile("<input[^>]*\\sname=\"([^\"]+)\"");

    private StakeholderIdp idp;
    private Http http;

    @BeforeAll
    void setUp(TestServer server) {
        http = server.http();
        String admin = server.masterToken();
        idp = new StakeholderIdp(server, "s4");
        idp.upstreamUser("alice", "Alice-pass-1", "alice@utility-a.example");
        idp.brokerWithAssurance("utility-a-oidc", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        idp.hideOnLoginWithHint("utility-a-oidc");
        idp.localUser("carol@unknown.example", "Carol-pass-1");
        idp.organisation("utility-a", List.of("utility-a.example", "*.partners.example"), "utility-a-oidc");
        // An organisation whose only IdP is disabled: its domain must look exactly like an unknown one.
        idp.brokerWithAssurance("utility-b-oidc", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        idp.hideOnLoginWithHint("utility-b-oidc");
        ObjectNode b = (ObjectNode) http.get(idp.city.adminPath("/identity-provider/instances/utility-b-oidc"), admin).json();
        b.put("enabled", false);
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/identity-provider/instances/utility-b-oidc"), admin, b));
        idp.organisation("utility-b", List.of("utility-b.example"), "utility-b-oidc");
        // An organisation whose IdP's back channel is down (nothing listens on port 9 here).
        idp.broker("utility-c-down", "oidc");
        idp.hideOnLoginWithHint("utility-c-down");
        ObjectNode c = (ObjectNode) http.get(idp.city.adminPath("/identity-provider/instances/utility-c-down"), admin).json();
        ((ObjectNode) c.get("config")).put("tokenUrl", "http://127.0.0.1:9/token");
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/identity-provider/instances/utility-c-down"), admin, c));
        idp.organisation("utility-c", List.of("utility-c.example"), "utility-c-down");
        idp.discoveryBrowserFlow(FLOW);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private Browser.Page afterEmail(Browser browser, String email) {
        Browser.Page first = browser.open(idp.authUrl("", "").replace("&kc_idp_hint=", ""));
        assertEquals(200, first.status(), first.body());
        assertFalse(first.body().contains("name=\"password\""), "the first page asks for the email only");
        assertFalse(first.body().contains("utility-a-oidc"), "no organisation IdP is named on the page");
        return browser.submit(first, Map.of("username", email));
    }

    @Test
    void organisationDomainGoesToItsIdpWhetherOrNotTheAccountExists() {
        String upstream = idp.upstreamAuthEndpoint();
        Browser.Page known = afterEmail(new Browser(upstream), "alice@utility-a.example");
        Browser.Page unknown = afterEmail(new Browser(upstream), "nobody@utility-a.example");
        assertTrue(known.reached(upstream), known.url() + " " + known.body());
        assertTrue(unknown.reached(upstream), unknown.url() + " " + unknown.body());
        assertEquals("alice@utility-a.example", known.query("login_hint"));
        assertEquals("nobody@utility-a.example", unknown.query("login_hint"));
    }

    @Test
    void otherDomainsGetTheSamePageForExistingAndUnknownAccounts() {
        String stop = StakeholderIdp.APP_REDIRECT;
        Browser.Page carol = afterEmail(new Browser(stop), "carol@unknown.example");
        Browser.Page nobody = afterEmail(new Browser(stop), "nobody@unknown.example");
        assertEquals(200, carol.status());
        assertEquals(carol.status(), nobody.status());
        assertEquals(inputs(carol.body()), inputs(nobody.body()));
        assertTrue(inputs(carol.body()).contains("password"), inputs(carol.body()).toString());
        assertEquals(normalise(carol.body(), "carol@unknown.example"), normalise(nobody.body(), "nobody@unknown.example"));
        assertFalse(carol.body().contains("utility-a-oidc") || nobody.body().contains("utility-a-oidc"));
    }

    @Test
    void wrongPasswordAndUnknownUserAnswerAlikeAndTheRightPasswordLogsIn() {
        Browser a = new Browser(StakeholderIdp.APP_REDIRECT);
        Browser.Page wrong = a.submit(afterEmail(a, "carol@unknown.example"), Map.of("username", "carol@unknown.example", "password", "nope"));
        Browser b = new Browser(StakeholderIdp.APP_REDIRECT);
        Browser.Page ghost = b.submit(afterEmail(b, "nobody@unknown.example"), Map.of("username", "nobody@unknown.example", "password", "nope"));
        assertEquals(wrong.status(), ghost.status());
        assertEquals(normalise(wrong.body(), "carol@unknown.example"), normalise(ghost.body(), "nobody@unknown.example"));
        Browser c = new Browser(StakeholderIdp.APP_REDIRECT);
        Browser.Page ok = c.submit(afterEmail(c, "carol@unknown.example"), Map.of("username", "carol@unknown.example", "password", "Carol-pass-1"));
        assertTrue(ok.reached(StakeholderIdp.APP_REDIRECT), ok.url() + " " + ok.body());
    }

    @Test
    void wildcardOrganisationDomainsGoToTheirIdp() {
        String upstream = idp.upstreamAuthEndpoint();
        Browser.Page sub = afterEmail(new Browser(upstream), "dan@north.partners.example");
        assertTrue(sub.reached(upstream), sub.url() + " " + sub.body());
        assertEquals("dan@north.partners.example", sub.query("login_hint"));
        // As in Keycloak's own organisation rules, "*.partners.example" covers the apex too.
        Browser.Page apex = afterEmail(new Browser(upstream), "dan@partners.example");
        assertTrue(apex.reached(upstream), apex.url() + " " + apex.body());
    }

    @Test
    void anOrganisationWhoseIdpIsDisabledLooksLikeAnUnknownDomain() {
        Browser.Page disabled = afterEmail(new Browser(StakeholderIdp.APP_REDIRECT), "eve@utility-b.example");
        Browser.Page unknown = afterEmail(new Browser(StakeholderIdp.APP_REDIRECT), "eve@unknown.example");
        assertEquals(200, disabled.status(), disabled.body());
        assertEquals(unknown.status(), disabled.status());
        assertEquals(inputs(unknown.body()), inputs(disabled.body()));
        assertEquals(normalise(unknown.body(), "eve@unknown.example"), normalise(disabled.body(), "eve@utility-b.example"));
        assertFalse(disabled.body().contains("utility-b-oidc"));
    }

    @Test
    void anOrganisationWhoseIdpIsDownGetsThePasswordPageWithANotice() {
        Browser.Page down = afterEmail(new Browser(StakeholderIdp.APP_REDIRECT), "zoe@utility-c.example");
        assertEquals(200, down.status(), down.body());
        assertTrue(down.body().contains("name=\"password\""), "a city password still works: " + down.body());
        assertTrue(down.body().contains("cityIdpUnavailable") || down.body().contains("cannot be reached"), down.body());
        assertFalse(down.body().contains("utility-c-down"), "the page names no IdP");
        // The same through login_hint, without the email page.
        Browser.Page hinted = new Browser(StakeholderIdp.APP_REDIRECT).open(idp.authUrl("", "&login_hint=" + enc("zoe@utility-c.example"))
                .replace("&kc_idp_hint=", ""));
        assertEquals(200, hinted.status(), hinted.body());
        assertTrue(hinted.body().contains("cityIdpUnavailable") || hinted.body().contains("cannot be reached"), hinted.body());
    }

    @Test
    void loginHintSkipsTheEmailPage() {
        String upstream = idp.upstreamAuthEndpoint();
        Browser.Page page = new Browser(upstream).open(idp.authUrl("", "&login_hint=" + enc("alice@utility-a.example")).replace("&kc_idp_hint=", ""));
        assertTrue(page.reached(upstream), page.url());
    }

    private static TreeSet<String> inputs(String html) {
        TreeSet<String> names = new TreeSet<>();
        Matcher m = INPUT_NAME.matcher(html);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The page without what legitimately differs: the typed address, per-request codes in URLs, random challenges. */
    private static String normalise(String html, String username) {
        return html.replace(username, "USER").replaceAll("\\?[^\"]*\"", "?\"").replaceAll("[A-Za-z0-9+/_=-]{40,}", "RANDOM");
    }
}
