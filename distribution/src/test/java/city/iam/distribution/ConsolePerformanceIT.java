package city.iam.distribution;

import city.iam.lifecycle.it.LifecycleRealm;
import city.iam.lifecycle.it.UserSeed;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.RealmFixture;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Benchmark harness, not a timed test: how soon the console is interactive in Chromium with many review items in
 * the realm. In the suite it runs small (200 users, 1 000 items) so the seeded shape and the measuring stay
 * exercised; {@code -Dcityiam.bench.console-users=100000} makes it the 500 000-item benchmark of
 * {@code docs/performance.md}. Seeds N users straight into the database (the shape of lifecycle-jobs'
 * {@code ReviewLaunchBenchmarkIT}: five roles each, one manager per 100 users, so a manager reviews ~500 items),
 * launches one campaign over all of them, then signs in through the city login theme and reloads each page
 * {@value #ROUNDS} times: a manager's My reviews (~500 items, the first page of 100 rendered) and a review admin's Campaigns (the list
 * and the progress of the big campaign). Time to interactive is the console's {@code city-iam:rendered}
 * performance mark — set when the page's data is on screen and its controls work — measured from navigation
 * start. Prints {@code BENCH} lines; asserts only what was rendered.
 */
@ExtendWith(KeycloakServerExtension.class)
class ConsolePerformanceIT {

    private static final int ROLES = 5;
    private static final int ROUNDS = 5;
    private static final String ADMIN = "perf-admin";
    private static final String PASSWORD = "Perf-pass-2026!";

    @Test
    void consolePagesWithManyReviewItems(TestServer server) throws Exception {
        int users = Integer.getInteger("cityiam.bench.console-users", 200);
        long items = (long) users * ROLES;
        LifecycleRealm base = new LifecycleRealm(server, "conPerf", false);
        RealmFixture realm = base.realm;
        Http http = base.http;
        try {
            base.allowUnmanagedAttributes();
            assertEquals(204, http.putJson(realm.adminPath(""), server.masterToken(), Map.of("loginTheme", "city")).status());
            realm.user("olga", PASSWORD);
            realm.user(ADMIN, PASSWORD, "review-admin", "auditor");
            List<String> roleIds = new ArrayList<>();
            for (int r = 0; r < ROLES; r++) {
                Http.Reply role = http.postJson(realm.adminPath("/roles"), server.masterToken(),
                        Map.of("name", "perf-role-" + r, "attributes", Map.of("city-iam.owner", List.of("olga"))));
                assertEquals(201, role.status(), role.toString());
                roleIds.add(http.get(realm.adminPath("/roles/perf-role-" + r), server.masterToken()).json().get("id").asText());
            }
            long now = System.currentTimeMillis();
            long seedStart = System.nanoTime();
            assertEquals(users, UserSeed.users(server, realm.realmId(), users, now - 86_400_000L, now - 1000));
            int managers = Math.max(1, users / 100);
            UserSeed.rolesAndManagers(server, realm.realmId(), roleIds, managers);
            long seedMs = (System.nanoTime() - seedStart) / 1_000_000;

            String adminToken = realm.token(ADMIN, PASSWORD);
            Map<String, Object> definition = Map.of("id", "perf", "name", "Console benchmark", "scope", Map.of("selectors",
                            roleIds.stream().map(id -> Map.of("type", "realm_role", "name", "perf-role-" + roleIds.indexOf(id))).toList()),
                    "reviewers", Map.of("manager", Map.of("type", "manager", "levels", 1, "fallback", "owner"), "owner", Map.of("type", "owner")),
                    "stages", List.of(Map.of("duration", "P14D", "reviewer", "manager")), "notifications", Map.of("assignment", false));
            Http.Reply defined = http.postJson(realm.adminPath("/access-reviews/definitions"), adminToken, definition);
            assertEquals(201, defined.status(), defined.toString());
            long launchStart = System.nanoTime();
            Http.Reply launched = http.send(http.request(realm.adminPath("/access-reviews/campaigns"), adminToken).timeout(Duration.ofMinutes(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"definition_id\":\"perf\"}")).build());
            long launchMs = (System.nanoTime() - launchStart) / 1_000_000;
            assertEquals(201, launched.status(), launched.toString());
            assertEquals(items, launched.json().get("item_count").asLong());
            String campaign = launched.json().get("id").asText();
            System.out.printf("BENCH console seed users=%d items=%d: seed %d ms, launch %d ms, jdk %s, load %s%n", users, items, seedMs, launchMs,
                    System.getProperty("java.version"), load());

            // The manager bench-0 reviews the five roles of every user i with i mod managers = 0.
            String manager = "bench-0";
            String managerId = http.get(realm.adminPath("/users?exact=true&username=" + manager), server.masterToken()).json().get(0).get("id").asText();
            assertEquals(204, http.putJson(realm.adminPath("/users/" + managerId), server.masterToken(),
                    Map.of("firstName", "Bench", "lastName", "Manager", "email", manager + "@example.org", "emailVerified", true)).status());
            assertEquals(204, http.putJson(realm.adminPath("/users/" + managerId + "/reset-password"), server.masterToken(),
                    Map.of("type", "password", "value", PASSWORD, "temporary", false)).status());
            // ~500: the manager's own grants go to the fallback reviewer (nobody reviews their own access).
            JsonNode mine = http.get("/realms/" + realm.name() + "/access-reviews/my-items?max=1000", realm.token(manager, PASSWORD)).json();
            int managerItems = Math.min(100, mine.size());
            assertTrue(managerItems > 0, "the manager has items to review");

            List<Double> progressApi = new ArrayList<>();
            for (int k = 0; k < ROUNDS; k++) {
                long t = System.nanoTime();
                JsonNode p = http.get(realm.adminPath("/access-reviews/campaigns/" + campaign + "/progress?max=10"), adminToken).json();
                progressApi.add((System.nanoTime() - t) / 1e6);
                assertEquals(items, p.get("items").asLong(), p.toString());
            }
            report("progress API", items, progressApi);

            String console = server.baseUrl().replace("127.0.0.1", "localhost") + "/realms/" + realm.name() + "/city-iam/console/";
            report("My reviews (manager with " + mine.size() + " items, first " + managerItems + " rendered)", items, measure(console + "#/reviews", manager, "reviews", browser ->
                    assertEquals(managerItems, browser.findElements(By.cssSelector("tr[data-item]")).size())));
            report("Campaigns (list + progress of the " + items + "-item campaign)", items, measure(console + "#/campaigns", ADMIN, "campaigns", browser ->
                    assertEquals(String.valueOf(items), browser.findElement(By.id("progress")).getAttribute("max"))));
        } finally {
            // Removing 100 000 users and their items takes longer than the harness's usual 60-second request timeout.
            http.send(http.request("/admin/realms/" + realm.name(), server.masterToken()).timeout(Duration.ofMinutes(30)).DELETE().build());
        }
    }

    /** Signs in, then reloads the page {@value #ROUNDS} times; answers the time from navigation start to the rendered mark, in ms. */
    private static List<Double> measure(String url, String username, String page, java.util.function.Consumer<ChromeDriver> check) {
        ChromeDriver browser = HeadlessChromium.start();
        try {
            browser.get(url);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(120));
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(username);
            if (browser.findElements(By.id("password")).isEmpty() || !browser.findElement(By.id("password")).isDisplayed()) {
                browser.findElement(By.id("kc-login")).click();
            }
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("password"))).sendKeys(PASSWORD);
            browser.findElement(By.id("kc-login")).click();
            wait.until(d -> page.equals(d.findElement(By.tagName("body")).getAttribute("data-rendered")));
            check.accept(browser);
            List<Double> times = new ArrayList<>();
            for (int k = 0; k < ROUNDS; k++) {
                browser.navigate().refresh();
                wait.until(d -> page.equals(d.findElement(By.tagName("body")).getAttribute("data-rendered")));
                Object ms = browser.executeScript("return performance.getEntriesByName('city-iam:rendered').pop().startTime;");
                times.add(((Number) ms).doubleValue());
            }
            check.accept(browser);
            HeadlessChromium.screenshot(browser, "console-perf-" + page);
            return times;
        } finally {
            browser.quit();
        }
    }

    private static void report(String what, long items, List<Double> ms) {
        List<Double> sorted = new ArrayList<>(ms);
        Collections.sort(sorted);
        System.out.printf("BENCH console %s with %d items in the realm, %d loads: median %.0f ms, min %.0f, max %.0f (load %s)%n",
                what, items, sorted.size(), sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), load());
    }

    private static String load() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException e) {
            return "n/a";
        }
    }
}
