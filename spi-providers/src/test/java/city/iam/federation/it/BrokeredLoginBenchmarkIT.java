package city.iam.federation.it;

import city.iam.testing.Browser;
import city.iam.testing.Http;
import city.iam.testing.KeycloakDistribution;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark harness for brokered login throughput (issue 5: ours ≥ 0.9× stock, same run), not a timed test. One
 * server: a stakeholder realm is the OIDC IdP; the city realm has two IdPs pointing at it, each linked to an
 * organisation of its own. <b>A</b> is stock: {@code oidc} type, stock "Hardcoded Attribute" and "Attribute
 * Importer" mappers, stock "first broker login", a stock hardcoded-claim protocol mapper on its client. <b>B</b>
 * is ours as a city configures it: {@code city-oidc} type, {@code city-assurance-mapper} (eIDAS table), the
 * organisation's {@code stakeholderType} and {@code minimumAssurance}, our first-broker-login flow (domain-gated
 * membership, safe auto-link), {@code city-stakeholder-type-mapper} on its client. Each login is the whole
 * browser path over HTTP: auth request → redirect to the IdP → post the password there → broker callback
 * (server-side code exchange at the IdP) → code → token exchange at the city, by accounts already linked
 * (steady state: first broker login ran once, at set-up).
 *
 * <p>In the suite it runs small (2 users per side, one round of 4 logins each) with counts asserted and nothing
 * timed. {@code -Dcityiam.bench.brokered=7} makes it the benchmark: 7 interleaved rounds (A/B order alternating)
 * of {@code cityiam.bench.brokered.logins} (default 200) logins per side from 4 threads after a warm-up; it prints
 * BENCH lines with throughput, p50 and server CPU per login (the server's process CPU time around each window).
 */
@ExtendWith(KeycloakServerExtension.class)
class BrokeredLoginBenchmarkIT {

    private static final int THREADS = 4;

    private record Side(String name, String idpAlias, String client, String userPrefix) {
    }

    private record Window(int logins, double perSecond, double p50Ms, double cpuMsPerLogin) {
    }

    @Test
    void brokeredLoginThroughputStockVersusCity(TestServer server) throws Exception {
        int rounds = Integer.getInteger("cityiam.bench.brokered", 0);
        boolean bench = rounds > 0;
        int users = bench ? 20 : 2;
        int logins = bench ? Integer.getInteger("cityiam.bench.brokered.logins", 200) : 4;

        StakeholderIdp idp = new StakeholderIdp(server, "fbench");
        Http http = idp.http;
        String admin = server.masterToken();
        enableUnmanagedAttributes(http, idp, admin);
        Side a = new Side("stock", "stock-idp", "app-a", "a-");
        Side b = new Side("city", "city-idp", "app-b", "b-");

        idp.broker(a.idpAlias, "oidc");
        mapper(http, idp, admin, a.idpAlias, "hardcoded-attribute-idp-mapper", Map.of("attribute", "stakeholder", "attribute.value", "utility"));
        mapper(http, idp, admin, a.idpAlias, "oidc-user-attribute-idp-mapper", Map.of("claim", "acr", "user.attribute", "upstream_acr"));
        idp.brokerWithAssurance(b.idpAlias, "city-oidc", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        trustEmail(http, idp, admin, a.idpAlias, null);
        trustEmail(http, idp, admin, b.idpAlias, CityFirstBrokerLogin.create(idp, "city first broker login"));
        idp.organisation("bench-a", List.of("utility-a.example"), a.idpAlias);
        String orgB = idp.organisation("bench-b", List.of("utility-b.example"), b.idpAlias);
        ObjectNode org = (ObjectNode) http.get(idp.city.adminPath("/organizations/" + orgB), admin).json();
        ObjectNode attributes = org.putObject("attributes");
        attributes.putArray("stakeholderType").add("utility");
        attributes.putArray("minimumAssurance").add("substantial");
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/organizations/" + orgB), admin, org));
        client(http, idp, admin, a.client, "oidc-hardcoded-claim-mapper",
                Map.of("claim.name", "stakeholder_types", "claim.value", "utility", "access.token.claim", "true", "id.token.claim", "true"));
        client(http, idp, admin, b.client, "city-stakeholder-type-mapper", Map.of("access.token.claim", "true", "id.token.claim", "true"));
        idp.city.user("ada", "Ada-pass-1", "auditor");
        for (Side s : List.of(a, b)) {
            for (int i = 0; i < users; i++) {
                idp.upstreamUser(s.userPrefix + i, "Load-pass-" + i, s.userPrefix + i + "@utility-" + (s == a ? "a" : "b") + ".example");
            }
        }

        HttpClient client = Browser.newClient();
        // First broker login once per account: afterwards every login is the steady state of a linked user.
        for (Side s : List.of(a, b)) {
            for (int i = 0; i < users; i++) {
                login(client, idp, s, i);
            }
        }
        // The set-up outlives an admin token (60 s) on a busy machine.
        admin = server.masterToken();
        Http.Reply members = http.get(idp.city.adminPath("/organizations/" + orgB + "/members/count"), admin);
        StakeholderIdp.expect(200, members);
        assertEquals(users, members.json().asInt(),
                "every B account joined its organisation through the domain gate");
        for (Side s : List.of(a, b)) {
            for (int i = 0; i < users; i++) {
                JsonNode links = http.get(idp.city.adminPath("/users/" + userId(http, idp, admin, s.userPrefix + i) + "/federated-identity"), admin).json();
                assertEquals(1, links.size(), s.userPrefix + i + ": " + links);
                assertEquals(s.idpAlias, links.get(0).get("identityProvider").asText(), s.userPrefix + i + " is linked");
            }
        }
        int auditBefore = accepted(http, idp);
        assertEquals(users, auditBefore, "one federation.login.accepted entry per B login so far");

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        KeycloakDistribution kc = server instanceof KeycloakDistribution d ? d : null;
        try {
            if (!bench) {
                Window wa = window(pool, client, idp, a, users, logins, kc);
                Window wb = window(pool, client, idp, b, users, logins, kc);
                assertEquals(logins, wa.logins);
                assertEquals(logins, wb.logins);
                assertEquals(users + logins, accepted(http, idp), "one audit entry per B login, none for A");
                return;
            }
            int warmup = Integer.getInteger("cityiam.bench.brokered.warmup", 2);
            for (int i = 0; i < warmup; i++) {
                window(pool, client, idp, a, users, logins, kc);
                window(pool, client, idp, b, users, logins, kc);
            }
            List<Double> ratios = new ArrayList<>();
            List<Double> cpuRatios = new ArrayList<>();
            for (int r = 0; r < rounds; r++) {
                Window wa, wb;
                if (r % 2 == 0) {
                    wa = window(pool, client, idp, a, users, logins, kc);
                    wb = window(pool, client, idp, b, users, logins, kc);
                } else {
                    wb = window(pool, client, idp, b, users, logins, kc);
                    wa = window(pool, client, idp, a, users, logins, kc);
                }
                ratios.add(wb.perSecond / wa.perSecond);
                cpuRatios.add(wa.cpuMsPerLogin / wb.cpuMsPerLogin);
                System.out.printf("BENCH brokered round %d (%s first): stock %.1f/s p50 %.1f ms cpu %.1f ms/login; city %.1f/s p50 %.1f ms cpu %.1f ms/login;"
                                + " throughput city/stock %.3f, logins per CPU-second city/stock %.3f; load %s%n", r + 1, r % 2 == 0 ? "stock" : "city",
                        wa.perSecond, wa.p50Ms, wa.cpuMsPerLogin, wb.perSecond, wb.p50Ms, wb.cpuMsPerLogin,
                        ratios.get(r), cpuRatios.get(r), loadAverage());
            }
            System.out.printf("BENCH brokered login city/stock over %d rounds of %d logins per side, %d threads, jdk %s: throughput median %.3f"
                            + " (min %.3f max %.3f), logins per server CPU-second median %.3f (min %.3f max %.3f)%n",
                    rounds, logins, THREADS, System.getProperty("java.version"), median(ratios), Collections.min(ratios), Collections.max(ratios),
                    median(cpuRatios), Collections.min(cpuRatios), Collections.max(cpuRatios));
        } finally {
            pool.shutdownNow();
        }
    }

    /** {@code logins} complete brokered logins spread over the side's accounts, from {@link #THREADS} threads. */
    private static Window window(ExecutorService pool, HttpClient client, StakeholderIdp idp, Side side, int users, int logins,
                                 KeycloakDistribution kc) throws Exception {
        AtomicInteger next = new AtomicInteger();
        long[] nanos = new long[logins];
        long cpuBefore = kc == null ? 0 : kc.cpuTime().toNanos();
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                int ok = 0;
                for (int n = next.getAndIncrement(); n < logins; n = next.getAndIncrement()) {
                    long t0 = System.nanoTime();
                    login(client, idp, side, n % users);
                    nanos[n] = System.nanoTime() - t0;
                    ok++;
                }
                return ok;
            }));
        }
        int ok = 0;
        for (Future<Integer> f : done) {
            ok += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = kc == null ? Double.NaN : (kc.cpuTime().toNanos() - cpuBefore) / 1e6;
        long[] sorted = nanos.clone();
        java.util.Arrays.sort(sorted);
        return new Window(ok, ok / seconds, sorted[sorted.length / 2] / 1e6, cpuMs / ok);
    }

    /** One complete brokered login and the code exchange; fails the run on any other outcome. */
    private static void login(HttpClient client, StakeholderIdp idp, Side side, int user) {
        Browser browser = new Browser(StakeholderIdp.APP_REDIRECT, client);
        String url = idp.server.baseUrl() + "/realms/" + idp.city.name() + "/protocol/openid-connect/auth?client_id=" + side.client
                + "&response_type=code&scope=openid&redirect_uri=" + StakeholderIdp.APP_REDIRECT + "&kc_idp_hint=" + side.idpAlias;
        Browser.Page page = browser.open(url);
        if (page.status() != 200 || !page.url().contains("/realms/" + idp.upstream.name() + "/")) {
            throw new AssertionError(side.name + ": expected the IdP's login page, got " + page.status() + " " + page.url());
        }
        Browser.Page done = browser.submit(page, Map.of("username", side.userPrefix + user, "password", "Load-pass-" + user, "credentialId", ""));
        if (!done.reached(StakeholderIdp.APP_REDIRECT)) {
            throw new AssertionError(side.name + ": login of " + side.userPrefix + user + " ended at " + done.url() + " " + done.status() + " " + done.body());
        }
        Http.Reply tokens = idp.http.postForm("/realms/" + idp.city.name() + "/protocol/openid-connect/token", null, Map.of(
                "grant_type", "authorization_code", "client_id", side.client, "code", done.query("code"), "redirect_uri", StakeholderIdp.APP_REDIRECT));
        StakeholderIdp.expect(200, tokens);
        JsonNode claims = StakeholderIdp.claims(tokens.json().get("access_token").asText());
        JsonNode types = claims.path("stakeholder_types");
        if (!"utility".equals(types.isArray() ? types.path(0).asText() : types.asText())) {
            throw new AssertionError(side.name + ": no stakeholder_types claim in " + claims);
        }
    }

    private static void mapper(Http http, StakeholderIdp idp, String admin, String alias, String type, Map<String, String> config) {
        Map<String, String> c = new java.util.HashMap<>(config);
        c.put("syncMode", "INHERIT");
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/identity-provider/instances/" + alias + "/mappers"), admin, Map.of(
                "name", type, "identityProviderAlias", alias, "identityProviderMapper", type, "config", c)));
    }

    private static void client(Http http, StakeholderIdp idp, String admin, String clientId, String protocolMapper, Map<String, String> config) {
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/clients"), admin, Map.of(
                "clientId", clientId, "enabled", true, "publicClient", true, "standardFlowEnabled", true,
                "redirectUris", List.of(StakeholderIdp.APP_REDIRECT))));
        StakeholderIdp.expect(201, http.postJson(idp.city.adminPath("/clients/" + idp.city.clientUuid(clientId) + "/protocol-mappers/models"),
                admin, Map.of("name", "stakeholder types", "protocol", "openid-connect", "protocolMapper", protocolMapper, "config", config)));
    }

    private static void trustEmail(Http http, StakeholderIdp idp, String admin, String alias, String firstBrokerLoginFlow) {
        ObjectNode rep = (ObjectNode) http.get(idp.city.adminPath("/identity-provider/instances/" + alias), admin).json();
        rep.put("trustEmail", true);
        if (firstBrokerLoginFlow != null) {
            rep.put("firstBrokerLoginFlowAlias", firstBrokerLoginFlow);
        }
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/identity-provider/instances/" + alias), admin, rep));
    }

    /** The stock attribute mappers write attributes the user profile does not declare. */
    private static void enableUnmanagedAttributes(Http http, StakeholderIdp idp, String admin) {
        ObjectNode profile = (ObjectNode) http.get(idp.city.adminPath("/users/profile"), admin).json();
        profile.put("unmanagedAttributePolicy", "ENABLED");
        StakeholderIdp.expect(200, http.putJson(idp.city.adminPath("/users/profile"), admin, profile));
    }

    private static String userId(Http http, StakeholderIdp idp, String admin, String username) {
        return http.get(idp.city.adminPath("/users?exact=true&username=" + username), admin).json().get(0).get("id").asText();
    }

    private static int accepted(Http http, StakeholderIdp idp) {
        Http.Reply r = http.get(idp.city.adminPath("/city-iam/audit?action=federation.login.accepted&max=1000"), idp.city.token("ada", "Ada-pass-1"));
        StakeholderIdp.expect(200, r);
        assertTrue(r.json().isArray(), r.body());
        return r.json().size();
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
