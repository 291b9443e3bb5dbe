package city.iam.bench.dataset;

import city.iam.bench.BenchServer;
import city.iam.bench.Stats;
import city.iam.testing.Http;
import city.iam.testing.KeycloakDistribution;
import city.iam.testing.RealmFixture;
import com.fasterxml.jackson.databind.JsonNode;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Dataset authorization over HTTP against a real Keycloak (issue: dataset-level authorization, performance):
 * <ol>
 * <li>UMA {@code response_mode=decision} for one permission decided by a stock role policy (A) and by the
 * {@code dataset} policy (B), interleaved windows in one run: throughput ratio and p95 delta;</li>
 * <li>research S6: 10 000 calls of the decision endpoint paced at 100/s from 10 users of 3 organisations over
 * 200 datasets: p95/p99, 5xx count, first-1 000 vs last-1 000 p95, and decision-audit count == calls;</li>
 * <li>the catalogue ({@code response_mode=permissions}, {@code metadata:read} over 1 000 datasets) in a closed
 * loop for CATALOGUE_MINUTES: p95 per minute, first vs last.</li>
 * </ol>
 * Prints Markdown for docs/performance.md. Run: {@code benchmarks/datasets/run.sh}.
 */
public final class DatasetLoad {

    static final int ROUNDS = Integer.getInteger("rounds", 5);
    static final Duration WINDOW = Duration.ofSeconds(Long.getLong("windowSeconds", 20));
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmupSeconds", 60));
    static final int WORKERS = Integer.getInteger("workers", 4);
    static final int PACED_CALLS = Integer.getInteger("pacedCalls", 10_000);
    static final int PACED_RATE = Integer.getInteger("pacedRate", 100);
    static final int CATALOGUE_MINUTES = Integer.getInteger("catalogueMinutes", 30);
    static final int DATASETS = 1000;
    static final int DECIDED = 200;
    static final String[] ORGS = {"utility-a", "uni", "transit-c"};

    record Window(String scenario, int ok, int failed, List<Long> micros, double seconds) {
        double rate() {
            return ok / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        try (KeycloakDistribution kc = BenchServer.start("datasets", "")) {
            run(kc);
        }
    }

    static void run(KeycloakDistribution kc) throws Exception {
        Http http = kc.http();
        String master = kc.masterToken();
        RealmFixture realm = RealmFixture.create(kc, "dsbench");
        String realmPath = "/admin/realms/" + realm.name();
        Stats.expect(204, http.putJson(realmPath, master, Map.of("organizationsEnabled", true, "accessTokenLifespan", 7200,
                "ssoSessionIdleTimeout", 7200, "ssoSessionMaxLifespan", 36000)));
        for (String id : List.of("city-data-platform", "stock-data-platform")) {
            Stats.expect(201, http.postJson(realmPath + "/clients", master, Map.of("clientId", id, "publicClient", false, "secret", id + "-secret",
                    "serviceAccountsEnabled", true, "authorizationServicesEnabled", true, "standardFlowEnabled", false)));
        }
        Stats.expect(201, http.postJson(realmPath + "/clients", master, Map.of("clientId", "portal", "publicClient", true,
                "directAccessGrantsEnabled", true, "standardFlowEnabled", false)));
        Stats.expect(201, http.postJson(realmPath + "/roles", master, Map.of("name", "data-reader")));
        JsonNode readerRole = http.get(realmPath + "/roles/data-reader", master).json();
        List<String> orgIds = new ArrayList<>();
        for (String org : ORGS) {
            Http.Reply r = Stats.expect(201, http.postJson(realmPath + "/organizations", master, Map.of("name", org, "alias", org,
                    "domains", List.of(Map.of("name", org + ".example")), "attributes", Map.of("stakeholderType", List.of("utility")))));
            String loc = r.headers().firstValue("Location").orElseThrow();
            orgIds.add(loc.substring(loc.lastIndexOf('/') + 1));
        }
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = realm.user("user" + i, "User-pass-" + i);
            Stats.expect(204, http.postJson(realmPath + "/users/" + id + "/role-mappings/realm", master, List.of(readerRole)));
            Stats.expect(201, http.postJson(realmPath + "/organizations/" + orgIds.get(i % 3) + "/members", master, "\"" + id + "\""));
            users.add(id);
        }
        realm.user("dana", "Dana-pass-1", "dataset-admin");
        String admin = realm.token("dana", "Dana-pass-1");

        // 200 quasi-sensitive datasets that the decisions use, 800 open ones that fill the catalogue; 1 000 agreements.
        List<Map<String, Object>> datasets = new ArrayList<>();
        List<Map<String, Object>> agreements = new ArrayList<>();
        for (int k = 0; k < DECIDED; k++) {
            datasets.add(Map.of("name", q(k), "sensitivity", "quasi-sensitive", "owner_organization", "city",
                    "allowed_purposes", List.of("energy-planning"), "allowed_organizations", List.of(ORGS)));
        }
        for (int k = 0; k < DATASETS - DECIDED; k++) {
            datasets.add(Map.of("name", String.format("ds-o-%03d", k), "sensitivity", "open"));
        }
        for (int i = 0; i < 1000; i++) {
            agreements.add(Map.of("id", "AG-" + i, "parties", List.of(ORGS[i % 3]),
                    "datasets", List.of(q(i % DECIDED), String.format("ds-o-%03d", i % (DATASETS - DECIDED))),
                    "purposes", List.of("energy-planning"), "not_before", "2026-01-01T00:00:00Z", "not_on_or_after", "2030-01-01T00:00:00Z"));
        }
        long importStart = System.nanoTime();
        Stats.expect(200, http.postJson(realmPath + "/datasets/import", admin, Map.of("datasets", datasets, "agreements", agreements)));
        double importSeconds = (System.nanoTime() - importStart) / 1e9;
        System.err.printf("imported %d datasets and %d agreements in %.1f s%n", datasets.size(), agreements.size(), importSeconds);
        master = kc.masterToken();

        // The stock resource server: the same 200 resources and scope, one scope permission with a role policy.
        String stockUuid = realm.clientUuid("stock-data-platform");
        String authz = realmPath + "/clients/" + stockUuid + "/authz/resource-server";
        String scopeId = Stats.expect(201, http.postJson(authz + "/scope", master, Map.of("name", "data:read"))).json().get("id").asText();
        for (int k = 0; k < DECIDED; k++) {
            Stats.expect(201, http.postJson(authz + "/resource", master, Map.of("name", q(k), "scopes", List.of(Map.of("name", "data:read")))));
        }
        String roleId = readerRole.get("id").asText();
        String policyId = Stats.expect(201, http.postJson(authz + "/policy/role", master, Map.of("name", "readers",
                "roles", List.of(Map.of("id", roleId))))).json().get("id").asText();
        Stats.expect(201, http.postJson(authz + "/permission/scope", master, Map.of("name", "stock data:read",
                "scopes", List.of(scopeId), "policies", List.of(policyId))));

        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            tokens.add(http.postForm("/realms/" + realm.name() + "/protocol/openid-connect/token", null, Map.of("grant_type", "password",
                    "client_id", "portal", "username", "user" + i, "password", "User-pass-" + i)).json().get("access_token").asText());
        }
        String tokenUrl = kc.baseUrl() + "/realms/" + realm.name() + "/protocol/openid-connect/token";
        String claim = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"purpose\":[\"energy-planning\"]}".getBytes(StandardCharsets.UTF_8));
        IntFunction<HttpRequest> stock = n -> form(tokenUrl, Map.of("grant_type", "urn:ietf:params:oauth:grant-type:uma-ticket",
                "client_id", "stock-data-platform", "client_secret", "stock-data-platform-secret", "subject_token", tokens.get(n % 10),
                "audience", "stock-data-platform", "permission", q(n % DECIDED) + "#data:read", "response_mode", "decision",
                "claim_token", claim, "claim_token_format", "urn:ietf:params:oauth:token-type:jwt"));
        IntFunction<HttpRequest> dataset = n -> form(tokenUrl, Map.of("grant_type", "urn:ietf:params:oauth:grant-type:uma-ticket",
                "client_id", "city-data-platform", "client_secret", "city-data-platform-secret", "subject_token", tokens.get(n % 10),
                "audience", "city-data-platform", "permission", q(n % DECIDED) + "#data:read", "response_mode", "decision",
                "claim_token", claim, "claim_token_format", "urn:ietf:params:oauth:token-type:jwt"));
        // The two requests differ only in the resource server asked: both push the purpose claim and both answer
        // {"result":true} for every call, so both sides do the same work but for the policy.
        check(stock.apply(0), "\"result\":true");
        check(dataset.apply(0), "\"result\":true");

        System.err.println("warming up " + WARMUP.toSeconds() + " s per scenario");
        window("stock", stock, WARMUP);
        window("dataset", dataset, WARMUP);
        List<Window> a = new ArrayList<>();
        List<Window> b = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        List<Double> p95Deltas = new ArrayList<>();
        List<Double> cpuA = new ArrayList<>();
        List<Double> cpuB = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            java.time.Duration c0 = kc.cpuTime();
            Window wa = window("stock", stock, WINDOW);
            java.time.Duration c1 = kc.cpuTime();
            Window wb = window("dataset", dataset, WINDOW);
            java.time.Duration c2 = kc.cpuTime();
            // Server CPU per request does not move with whatever else the machine runs; throughput does.
            cpuA.add(c1.minus(c0).toNanos() / 1e6 / wa.ok());
            cpuB.add(c2.minus(c1).toNanos() / 1e6 / wb.ok());
            a.add(wa);
            b.add(wb);
            ratios.add(wb.rate() / wa.rate());
            p95Deltas.add((Stats.percentile(wb.micros(), 95) - Stats.percentile(wa.micros(), 95)) / 1000.0);
            System.err.printf("round %d: stock %.1f/s p95 %.2f ms %.3f cpu-ms/req, dataset %.1f/s p95 %.2f ms %.3f cpu-ms/req%n", r + 1, wa.rate(),
                    Stats.percentile(wa.micros(), 95) / 1000.0, cpuA.get(r), wb.rate(), Stats.percentile(wb.micros(), 95) / 1000.0, cpuB.get(r));
        }

        String decisionUrl = kc.baseUrl() + "/realms/" + realm.name() + "/datasets/decision";
        Instant pacedStart = Instant.now();
        Paced paced = paced(decisionUrl, tokens);
        long recorded = 0;
        for (int i = 0; i < 100 && recorded < paced.calls(); i++) {
            Thread.sleep(200);
            recorded = count(kc, pacedStart);
        }

        String saToken = http.postForm("/realms/" + realm.name() + "/protocol/openid-connect/token", null, Map.of("grant_type", "client_credentials",
                "client_id", "city-data-platform", "client_secret", "city-data-platform-secret")).json().get("access_token").asText();
        IntFunction<HttpRequest> catalogue = n -> form(tokenUrl, Map.of("grant_type", "urn:ietf:params:oauth:grant-type:uma-ticket",
                "audience", "city-data-platform", "permission", "#metadata:read", "response_mode", "permissions"), saToken);
        HttpResponse<String> first = HttpClient.newHttpClient().send(catalogue.apply(0), HttpResponse.BodyHandlers.ofString());
        int listed = Http.JSON.readTree(first.body()).size();
        if (listed != DATASETS) {
            throw new IllegalStateException("catalogue lists " + listed + " datasets, expected " + DATASETS + ": " + first.body());
        }
        List<List<Long>> minutes = new ArrayList<>();
        for (int m = 0; m < CATALOGUE_MINUTES; m++) {
            Window w = window("catalogue", catalogue, Duration.ofMinutes(1), 1);
            minutes.add(w.micros());
            System.err.printf("catalogue minute %d: %d calls, p95 %.1f ms%n", m + 1, w.ok(), Stats.percentile(w.micros(), 95) / 1000.0);
        }

        String javaVersion = System.getProperty("server.java.version", System.getProperty("java.version"));
        System.out.println();
        System.out.printf("Measured %s, Keycloak 26.7.3 (start-dev, H2), server JDK: %s, %d cores; load generator on the same machine.%n",
                Instant.now().toString().substring(0, 10), javaVersion, Runtime.getRuntime().availableProcessors());
        System.out.printf("Setup: 3 organisations, 10 users, %d datasets and 1 000 agreements imported in %.1f s (one call).%n%n", DATASETS, importSeconds);
        System.out.println("| Measure | Result | Target |");
        System.out.println("|---|---|---|");
        System.out.printf("| UMA decision, stock role policy, %d workers (median of %d × %d s windows) | %.1f/s, p50 %.2f ms, p95 %.2f ms | — |%n",
                WORKERS, ROUNDS, WINDOW.toSeconds(), Stats.median(a.stream().map(Window::rate).toList()), pctAll(a, 50), pctAll(a, 95));
        System.out.printf("| UMA decision, `dataset` policy (purpose pushed, agreement looked up, audited) | %.1f/s, p50 %.2f ms, p95 %.2f ms | — |%n",
                Stats.median(b.stream().map(Window::rate).toList()), pctAll(b, 50), pctAll(b, 95));
        System.out.printf("| Throughput ratio dataset / stock, median of rounds (min–max) | %.2f (%.2f–%.2f) | ≥ 0.9 |%n",
                Stats.median(ratios), Collections.min(ratios), Collections.max(ratios));
        List<Double> cpuRatios = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            cpuRatios.add(cpuA.get(r) / cpuB.get(r));
        }
        System.out.printf("| Server CPU per request, stock / dataset | %.3f ms / %.3f ms | — |%n", Stats.median(cpuA), Stats.median(cpuB));
        System.out.printf("| Requests per server CPU-second, dataset / stock, median of rounds (min–max) | %.2f (%.2f–%.2f) | ≥ 0.9 |%n",
                Stats.median(cpuRatios), Collections.min(cpuRatios), Collections.max(cpuRatios));
        System.out.printf("| p95 delta dataset − stock, median of rounds (min–max) | %.2f ms (%.2f–%.2f) | ≤ 1 ms |%n",
                Stats.median(p95Deltas), Collections.min(p95Deltas), Collections.max(p95Deltas));
        System.out.printf("| S6: %d decision-endpoint calls at %d/s, 10 users, 3 orgs, 200 datasets | p95 %.2f ms, p99 %.2f ms, %d × 5xx, %d other errors | p95 ≤ 30 ms, p99 ≤ 100 ms, 0 × 5xx |%n",
                paced.calls(), PACED_RATE, Stats.percentile(paced.micros(), 95) / 1000.0, Stats.percentile(paced.micros(), 99) / 1000.0, paced.serverErrors(), paced.otherErrors());
        System.out.printf("| S6: p95 of first 1 000 vs last 1 000 calls | %.2f ms vs %.2f ms (%+.0f %%) | within 20 %% |%n",
                Stats.percentile(paced.micros().subList(0, 1000), 95) / 1000.0, Stats.percentile(paced.micros().subList(paced.calls() - 1000, paced.calls()), 95) / 1000.0,
                100.0 * (Stats.percentile(paced.micros().subList(paced.calls() - 1000, paced.calls()), 95) / Stats.percentile(paced.micros().subList(0, 1000), 95) - 1));
        System.out.printf("| S6: decision-audit records written for those calls | %d of %d | all |%n", recorded, paced.calls());
        List<Long> firstMinute = minutes.get(0);
        List<Long> lastMinute = minutes.get(minutes.size() - 1);
        System.out.printf("| Catalogue (`response_mode=permissions`, `metadata:read`, %d datasets), 1 client, minute 1 | %d calls, p50 %.1f ms, p95 %.1f ms | p95 ≤ 300 ms |%n",
                DATASETS, firstMinute.size(), Stats.percentile(firstMinute, 50) / 1000.0, Stats.percentile(firstMinute, 95) / 1000.0);
        System.out.printf("| Catalogue, minute %d | %d calls, p95 %.1f ms (%+.0f %% vs minute 1) | within 20 %% |%n", minutes.size(),
                lastMinute.size(), Stats.percentile(lastMinute, 95) / 1000.0, 100.0 * (Stats.percentile(lastMinute, 95) / Stats.percentile(firstMinute, 95) - 1));
        System.out.println();
        System.out.println("Catalogue p95 per minute (ms): " + minutes.stream().map(m -> String.format("%.0f", Stats.percentile(m, 95) / 1000.0))
                .collect(Collectors.joining(" ")));
    }

    record Paced(List<Long> micros, int serverErrors, int otherErrors) {
        int calls() {
            return micros.size();
        }
    }

    /** Open-loop pacing: call n is sent at start + n / rate, whatever the previous calls are doing. */
    static Paced paced(String url, List<String> tokens) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(32);
        ExecutorService io = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().executor(io).build();
        long start = System.nanoTime() + 100_000_000L;
        List<Future<long[]>> calls = new ArrayList<>(PACED_CALLS);
        for (int n = 0; n < PACED_CALLS; n++) {
            int i = n;
            long due = start + (long) (n * (1e9 / PACED_RATE));
            calls.add(pool.submit(() -> {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String body = "{\"dataset\":\"" + q(i % DECIDED) + "\",\"scope\":\"data:read\",\"purpose\":\"energy-planning\"}";
                long t0 = System.nanoTime();
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + tokens.get(i % 10)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                long us = (System.nanoTime() - t0) / 1000;
                int kind = r.statusCode() >= 500 ? 2 : r.statusCode() != 200 || !r.body().contains("\"PERMIT\"") ? 1 : 0;
                return new long[]{us, kind};
            }));
        }
        List<Long> micros = new ArrayList<>(PACED_CALLS);
        int server = 0;
        int other = 0;
        for (Future<long[]> f : calls) {
            long[] r = f.get();
            micros.add(r[0]);
            server += r[1] == 2 ? 1 : 0;
            other += r[1] == 1 ? 1 : 0;
        }
        pool.shutdown();
        io.shutdown();
        return new Paced(micros, server, other);
    }

    static long count(KeycloakDistribution kc, Instant since) throws Exception {
        try (Connection c = kc.database().orElseThrow().connect();
             PreparedStatement s = c.prepareStatement("select count(*) from CITYIAM_DS_DECISION where CHANNEL = 'decision' and DECIDED_AT >= ?")) {
            s.setLong(1, since.toEpochMilli());
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    static Window window(String scenario, IntFunction<HttpRequest> request, Duration length) throws Exception {
        return window(scenario, request, length, WORKERS);
    }

    static Window window(String scenario, IntFunction<HttpRequest> request, Duration length, int workers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger seq = new AtomicInteger();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        long end = System.nanoTime() + length.toNanos();
        long start = System.nanoTime();
        List<Future<?>> jobs = new ArrayList<>();
        for (int w = 0; w < workers; w++) {
            jobs.add(pool.submit(() -> {
                HttpClient client = HttpClient.newHttpClient();
                while (System.nanoTime() < end) {
                    HttpRequest req = request.apply(seq.getAndIncrement() + ThreadLocalRandom.current().nextInt(1));
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                    long us = (System.nanoTime() - t0) / 1000;
                    if (r.statusCode() == 200) {
                        ok.incrementAndGet();
                        micros.add(us);
                    } else {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        pool.shutdown();
        if (failed.get() > 0) {
            System.err.println(scenario + ": " + failed.get() + " failed calls");
        }
        return new Window(scenario, ok.get(), failed.get(), micros, (System.nanoTime() - start) / 1e9);
    }

    static HttpRequest form(String url, Map<String, String> form) {
        return form(url, form, null);
    }

    static HttpRequest form(String url, Map<String, String> form, String bearer) {
        String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(java.net.URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return b.build();
    }

    static void check(HttpRequest request, String expected) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || !r.body().contains(expected)) {
            throw new IllegalStateException("setup check failed: " + r.statusCode() + " " + r.body());
        }
    }

    static String q(int k) {
        return String.format("ds-q-%03d", k);
    }

    static double pctAll(List<Window> ws, int p) {
        List<Long> all = new ArrayList<>();
        ws.forEach(w -> all.addAll(w.micros()));
        return Stats.percentile(all, p) / 1000.0;
    }

}
