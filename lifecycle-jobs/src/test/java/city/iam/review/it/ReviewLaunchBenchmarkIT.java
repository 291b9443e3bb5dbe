package city.iam.review.it;

import city.iam.lifecycle.it.UserSeed;
import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Benchmark harness, not a timed test: in the suite it runs small (200 users, 1 000 items) so the seeded shape
 * and the batched launch path stay exercised; {@code -Dcityiam.bench.review-users=100000} makes it the
 * benchmark of {@code docs/performance.md}. Seeds N users straight
 * into the database, each holding five realm roles directly and reporting to one of N/100 managers (so a manager
 * has about 500 items), launches a review of the five roles with the manager as reviewer (falling back to the
 * role's owner), and times the launch; then signs in 100 managers and times their first page of
 * {@code my-items} three times each. Prints the figures; asserts only the counts.
 */
@ExtendWith(KeycloakServerExtension.class)
class ReviewLaunchBenchmarkIT {

    static final int ROLES = 5;
    static final int SUITE_USERS = 200;

    @Test
    void launchAndReviewerList(TestServer server) throws Exception {
        int users = Integer.getInteger("cityiam.bench.review-users", SUITE_USERS);
        ReviewRealm city = new ReviewRealm(server, "arBench");
        try {
            city.person("olga");
            List<String> roleIds = new ArrayList<>();
            for (int r = 0; r < ROLES; r++) {
                roleIds.add(city.createRealmRole("bench-role-" + r, Map.of("city-iam.owner", List.of("olga"))).get("id").asText());
            }
            long now = System.currentTimeMillis();
            assertEquals(users, UserSeed.users(server, city.realm.realmId(), users, now - 86_400_000L, now - 1000));
            int managers = Math.max(1, users / 100);
            UserSeed.rolesAndManagers(server, city.realm.realmId(), roleIds, managers);

            Map<String, Object> definition = Map.of("id", "bench", "scope", Map.of("selectors",
                            roleIds.stream().map(id -> Map.of("type", "realm_role", "name", "bench-role-" + roleIds.indexOf(id))).toList()),
                    "reviewers", Map.of("manager", Map.of("type", "manager", "levels", 1, "fallback", "owner"), "owner", Map.of("type", "owner")),
                    "stages", List.of(Map.of("duration", "P14D", "reviewer", "manager")), "notifications", Map.of("assignment", false));
            assertEquals(201, city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), definition).status());
            String token = city.reviewAdmin();
            Runtime rt = Runtime.getRuntime();
            long started = System.nanoTime();
            // A large launch may take longer than the harness's usual 60-second request timeout: measured, not cut off.
            Http.Reply launched = city.http.send(city.http.request(city.reviews("/campaigns"), token).timeout(java.time.Duration.ofMinutes(30))
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"definition_id\":\"bench\"}")).build());
            long launchMs = (System.nanoTime() - started) / 1_000_000;
            assertEquals(201, launched.status(), launched.toString());
            assertEquals((long) users * ROLES, launched.json().get("item_count").asLong(), launched.toString());
            System.out.printf("BENCH review launch users=%d items=%d jdk=%s cores=%d: %d ms%n", users, (long) users * ROLES,
                    System.getProperty("java.version"), rt.availableProcessors(), launchMs);

            List<Long> latencies = new ArrayList<>();
            int sampled = Math.min(100, managers);
            for (int m = 0; m < sampled; m++) {
                String manager = "bench-" + m;
                String id = city.http.get(city.realm.adminPath("/users?exact=true&username=" + manager), city.admin()).json().get(0).get("id").asText();
                // Keycloak's user profile wants names before it lets anyone sign in.
                assertEquals(204, city.http.putJson(city.realm.adminPath("/users/" + id), city.admin(),
                        Map.of("firstName", "Bench", "lastName", manager, "email", manager + "@example.org", "emailVerified", true)).status());
                assertEquals(204, city.http.putJson(city.realm.adminPath("/users/" + id + "/reset-password"), city.admin(),
                        Map.of("type", "password", "value", manager + "-Pass-1", "temporary", false)).status());
                String reviewerToken = city.token(manager);
                for (int k = 0; k < 3; k++) {
                    long t = System.nanoTime();
                    JsonNode page = city.http.get(city.reviewer("/my-items?max=100"), reviewerToken).json();
                    latencies.add((System.nanoTime() - t) / 1_000);
                    assertEquals(100, page.size());
                }
            }
            Collections.sort(latencies);
            System.out.printf("BENCH reviewer my-items first page (100) with %d items in the realm, %d requests: p50 %.1f ms, p95 %.1f ms%n",
                    (long) users * ROLES, latencies.size(), latencies.get(latencies.size() / 2) / 1000.0,
                    latencies.get((int) (latencies.size() * 0.95)) / 1000.0);
        } finally {
            // At benchmark size the realm goes with the server's database: removing 100 000 users on H2 outlasts
            // a transaction's timeout. A cleanup that fails is reported without hiding what failed the run itself.
            try {
                if (users <= SUITE_USERS) {
                    city.realm.delete();
                }
            } catch (RuntimeException e) {
                System.out.println("BENCH cleanup: removing realm " + city.realm.name() + " failed: " + e);
            }
        }
    }
}
