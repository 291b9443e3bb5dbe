package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Benchmark harness, not a timed test: runs only with {@code -Dcityiam.bench.rounds=N}. Two realms on the same
 * server, A without the tracker and B with it, take the same load in interleaved rounds (order alternating):
 * password grants and refresh-token grants from 4 client threads. Prints each round's throughput and the
 * median B/A ratio. The test server writes every authentication (granularity 0), the tracker's worst case.
 * Indicative only: the load generator shares the machine with the server (docs/performance.md describes the
 * pinned-core method).
 */
@ExtendWith(KeycloakServerExtension.class)
class LoginThroughputBenchmarkIT {

    private static final int THREADS = 4;
    private static final int USERS = 20;

    @Test
    void loginThroughputWithAndWithoutTheTracker(TestServer server) throws Exception {
        int rounds = Integer.getInteger("cityiam.bench.rounds", 0);
        assumeTrue(rounds > 0, "benchmark: set -Dcityiam.bench.rounds=5");
        int passwordGrants = Integer.getInteger("cityiam.bench.password-grants", 100);
        int refreshGrants = Integer.getInteger("cityiam.bench.refresh-grants", 600);
        LifecycleRealm a = new LifecycleRealm(server, "ljtpa", false);
        LifecycleRealm b = new LifecycleRealm(server, "ljtpb", true);
        for (LifecycleRealm r : List.of(a, b)) {
            for (int i = 0; i < USERS; i++) {
                r.realm.user("load-" + i, "Load-pass-" + i);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            // Warm-up: one full round each.
            round(pool, a, passwordGrants, false);
            round(pool, b, passwordGrants, false);
            List<Double> passwordRatios = new ArrayList<>();
            List<Double> refreshRatios = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                boolean aFirst = i % 2 == 0;
                double pa, pb, ra, rb;
                if (aFirst) {
                    pa = round(pool, a, passwordGrants, false);
                    pb = round(pool, b, passwordGrants, false);
                    ra = round(pool, a, refreshGrants, true);
                    rb = round(pool, b, refreshGrants, true);
                } else {
                    pb = round(pool, b, passwordGrants, false);
                    pa = round(pool, a, passwordGrants, false);
                    rb = round(pool, b, refreshGrants, true);
                    ra = round(pool, a, refreshGrants, true);
                }
                passwordRatios.add(pb / pa);
                refreshRatios.add(rb / ra);
                System.out.printf("BENCH login round %d: password A %.1f/s B %.1f/s (%.3f); refresh A %.1f/s B %.1f/s (%.3f)%n",
                        i + 1, pa, pb, pb / pa, ra, rb, rb / ra);
            }
            System.out.printf("BENCH login throughput with/without tracker, median of %d rounds: password %.3f (min %.3f max %.3f),"
                            + " refresh %.3f (min %.3f max %.3f)%n", rounds,
                    median(passwordRatios), Collections.min(passwordRatios), Collections.max(passwordRatios),
                    median(refreshRatios), Collections.min(refreshRatios), Collections.max(refreshRatios));
        } finally {
            pool.shutdownNow();
        }
    }

    /** Grants per second for {@code count} grants spread over the realm's users. */
    private static double round(ExecutorService pool, LifecycleRealm r, int count, boolean refresh) throws Exception {
        Http http = r.http;
        String tokenPath = "/realms/" + r.realm.name() + "/protocol/openid-connect/token";
        List<String> refreshTokens = new ArrayList<>();
        if (refresh) {
            for (int i = 0; i < USERS; i++) {
                refreshTokens.add(password(http, tokenPath, i).json().get("refresh_token").asText());
            }
        }
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<Integer>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            done.add(pool.submit(() -> {
                int ok = 0;
                for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                    int user = n % USERS;
                    Http.Reply reply = refresh
                            ? http.postForm(tokenPath, null, Map.of("grant_type", "refresh_token", "client_id", "admin-cli",
                            "refresh_token", refreshTokens.get(user)))
                            : password(http, tokenPath, user);
                    if (reply.status() == 200) {
                        ok++;
                    }
                }
                return ok;
            }));
        }
        int ok = 0;
        for (Future<Integer> f : done) {
            ok += f.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(count, ok, "every grant succeeded");
        return count / seconds;
    }

    private static Http.Reply password(Http http, String tokenPath, int user) {
        return http.postForm(tokenPath, null, Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "load-" + user, "password", "Load-pass-" + user));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
