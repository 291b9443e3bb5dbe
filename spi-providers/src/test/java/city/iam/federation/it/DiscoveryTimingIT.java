package city.iam.federation.it;

import city.iam.testing.Browser;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Timing equality of the enumeration-neutral discovery form (docs/federation.md, B2), a measurement harness and
 * not a timed test. Each sample opens a fresh login (not timed) and times exactly one request: the email
 * submission ({@code email:*} classes: an organisation's domain answers a redirect to its IdP, anything else the
 * password page) or the password submission ({@code password:*}: a wrong password for an existing account and
 * any password for an unknown one, both the same error page). Classes are interleaved in a shuffled order per
 * sample so drift on the shared machine hits them alike.
 *
 * <p>The pairs that must not differ are those whose answers look the same: known vs unknown account (same
 * domain), an organisation whose only IdP is disabled vs an unknown domain, and the two password classes. In the
 * suite it takes 3 samples per class and asserts only the outcomes; {@code -Dcityiam.bench.discovery=N} takes N
 * per class and prints p50/p95 per class as BENCH lines.
 */
@ExtendWith(KeycloakServerExtension.class)
class DiscoveryTimingIT {

    private enum Kind { EMAIL, PASSWORD }

    private record Probe(String name, Kind kind, String email, boolean redirects) {
    }

    @Test
    void discoveryAnswersTakeTheSameTimeForKnownAndUnknownAccounts(TestServer server) {
        boolean bench = Integer.getInteger("cityiam.bench.discovery", 0) > 0;
        int samples = bench ? Integer.getInteger("cityiam.bench.discovery") : 3;
        StakeholderIdp idp = new StakeholderIdp(server, "hrdt");
        Http http = idp.http;
        String admin = server.masterToken();
        idp.brokerWithAssurance("utility-a-oidc", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        idp.hideOnLoginWithHint("utility-a-oidc");
        idp.organisation("utility-a", List.of("utility-a.example"), "utility-a-oidc");
        idp.brokerWithAssurance("utility-b-oidc", Map.of("acr.preset", "eidas", "syncMode", "INHERIT"));
        idp.hideOnLoginWithHint("utility-b-oidc");
        ObjectNode b = (ObjectNode) http.get(idp.city.adminPath("/identity-provider/instances/utility-b-oidc"), admin).json();
        b.put("enabled", false);
        StakeholderIdp.expect(204, http.putJson(idp.city.adminPath("/identity-provider/instances/utility-b-oidc"), admin, b));
        idp.organisation("utility-b", List.of("utility-b.example"), "utility-b-oidc");
        idp.localUser("carol@unknown.example", "Carol-pass-1");
        idp.localUser("dave@utility-a.example", "Dave-pass-1");
        idp.localUser("erin@utility-b.example", "Erin-pass-1");
        idp.discoveryBrowserFlow("city discovery timing");

        List<Probe> probes = List.of(
                new Probe("email:org-domain,account", Kind.EMAIL, "dave@utility-a.example", true),
                new Probe("email:org-domain,no-account", Kind.EMAIL, "nobody@utility-a.example", true),
                new Probe("email:unknown-domain,account", Kind.EMAIL, "carol@unknown.example", false),
                new Probe("email:unknown-domain,no-account", Kind.EMAIL, "nobody@unknown.example", false),
                new Probe("email:disabled-idp-org,account", Kind.EMAIL, "erin@utility-b.example", false),
                new Probe("email:disabled-idp-org,no-account", Kind.EMAIL, "nobody@utility-b.example", false),
                new Probe("password:account,wrong-password", Kind.PASSWORD, "carol@unknown.example", false),
                new Probe("password:no-account", Kind.PASSWORD, "nobody@unknown.example", false),
                // Controls: the same work as a class above under another address, so their difference is the noise.
                new Probe("control:email:unknown-domain,no-account", Kind.EMAIL, "nobody2@unknown.example", false),
                new Probe("control:password:no-account", Kind.PASSWORD, "nobody2@unknown.example", false));
        HttpClient client = Browser.newClient();
        String brokerPrefix = server.baseUrl() + "/realms/" + idp.city.name() + "/broker/";
        // Warm-up: JIT, caches and the first-use paths of each class must not land in the samples.
        int warmup = bench ? 30 : 1;
        for (int i = 0; i < warmup; i++) {
            for (Probe p : probes) {
                sample(client, idp, brokerPrefix, p);
            }
        }
        String loadBefore = loadAverage();
        Map<String, List<Long>> times = new LinkedHashMap<>();
        probes.forEach(p -> times.put(p.name, new ArrayList<>()));
        Random random = new Random(5);
        List<Probe> order = new ArrayList<>(probes);
        for (int i = 0; i < samples; i++) {
            Collections.shuffle(order, random);
            for (Probe p : order) {
                times.get(p.name).add(sample(client, idp, brokerPrefix, p));
            }
        }
        times.values().forEach(t -> assertEquals(samples, t.size()));
        if (!bench) {
            return;
        }
        System.out.printf("BENCH discovery timing, %d samples per class, jdk %s, load before %s%n", samples, System.getProperty("java.version"), loadBefore);
        for (Map.Entry<String, List<Long>> e : times.entrySet()) {
            System.out.printf("BENCH discovery %-36s p50 %6.2f ms  p95 %6.2f ms%n", e.getKey(), pct(e.getValue(), 50), pct(e.getValue(), 95));
        }
        pair(times, "email:org-domain,account", "email:org-domain,no-account");
        pair(times, "email:unknown-domain,account", "email:unknown-domain,no-account");
        pair(times, "email:disabled-idp-org,no-account", "email:unknown-domain,no-account");
        pair(times, "email:disabled-idp-org,account", "email:unknown-domain,account");
        pair(times, "password:account,wrong-password", "password:no-account");
        pair(times, "control:email:unknown-domain,no-account", "email:unknown-domain,no-account");
        pair(times, "control:password:no-account", "password:no-account");
        System.out.printf("BENCH discovery load after %s%n", loadAverage());
    }

    /** One timed request after an untimed fresh login page (and, for password classes, an untimed email step). */
    private static long sample(HttpClient client, StakeholderIdp idp, String brokerPrefix, Probe probe) {
        Browser browser = new Browser(brokerPrefix, client);
        Browser.Page first = browser.open(idp.authUrl("", "").replace("&kc_idp_hint=", ""));
        assertEquals(200, first.status(), first.body());
        if (probe.kind == Kind.EMAIL) {
            long t0 = System.nanoTime();
            Browser.Page next = browser.submit(first, Map.of("username", probe.email));
            long t = System.nanoTime() - t0;
            if (probe.redirects) {
                assertTrue(next.reached(brokerPrefix), probe.name + " should redirect to its IdP: " + next.url());
            } else {
                assertEquals(200, next.status(), probe.name);
                assertTrue(next.body().contains("name=\"password\""), probe.name + " should show the password page");
            }
            return t;
        }
        Browser.Page password = browser.submit(first, Map.of("username", probe.email));
        assertTrue(password.body().contains("name=\"password\""), probe.name);
        long t0 = System.nanoTime();
        Browser.Page error = browser.submit(password, Map.of("username", probe.email, "password", "Wrong-pass-9"));
        long t = System.nanoTime() - t0;
        assertEquals(200, error.status(), probe.name);
        assertTrue(error.body().contains("Invalid username or password"), probe.name + " should show the password error");
        return t;
    }

    private static void pair(Map<String, List<Long>> times, String x, String y) {
        System.out.printf("BENCH discovery difference %s − %s: p50 %+.2f ms, p95 %+.2f ms%n", x, y,
                pct(times.get(x), 50) - pct(times.get(y), 50), pct(times.get(x), 95) - pct(times.get(y), 95));
    }

    private static double pct(List<Long> values, int p) {
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "?";
        }
    }
}
