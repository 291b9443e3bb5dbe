package city.iam.bench;

import city.iam.device.TestPki;
import city.iam.device.it.TestTrust;
import city.iam.testing.Http;
import city.iam.testing.KeycloakDistribution;
import city.iam.testing.RealmFixture;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Device-identity load harness: enrolment throughput (challenge + EAT enrolment), mTLS token grants of
 * devices through their fleet client versus stock {@code client-x509} grants in the same run (interleaved
 * windows), and token latency with 1 000 versus 100 000 registered devices. Prints Markdown for
 * docs/performance.md. Run: {@code benchmarks/device-tokens/run.sh}.
 */
public final class DeviceTokenBench {

    static final int DEVICES = Integer.getInteger("devices", 1000);
    static final int SEED_TO = Integer.getInteger("seedTo", 100_000);
    static final int ROUNDS = Integer.getInteger("rounds", 5);
    static final Duration WINDOW = Duration.ofSeconds(Long.getLong("windowSeconds", 20));
    static final Duration WARMUP = Duration.ofSeconds(Long.getLong("warmupSeconds", 60));
    static final int WORKERS = Integer.getInteger("workers", 8);

    record Identity(PrivateKey key, List<X509Certificate> chain) {
    }

    record Window(String scenario, int ok, int failed, List<Long> micros, double seconds) {
        double rate() {
            return ok / seconds;
        }
    }

    public static void main(String[] args) throws Exception {
        try (KeycloakDistribution kc = BenchServer.start("device-tokens", TestTrust.class.getName())) {
            run(kc);
        }
    }

    static void run(KeycloakDistribution kc) throws Exception {
        Http http = kc.http();
        RealmFixture realm = RealmFixture.create(kc, "bench");
        realm.user("devon", "devon-pass-1", "device-admin");
        TestPki.Issuer manufacturer = TestTrust.load("manufacturer");
        TestPki.Issuer cityCa = TestTrust.load("city-ca");
        String admin = realm.token("devon", "devon-pass-1");
        String base = realm.adminPath("/device-identity");
        Stats.expect(201, http.putJson(base + "/ca", admin, Map.of("certificate", TestPki.pem(cityCa.cert()),
                "private_key", TestPki.pem("PRIVATE KEY", cityCa.keys().getPrivate().getEncoded()))));
        String pin = Stats.expect(201, http.postJson(base + "/trust-anchors", admin,
                Map.of("certificate", TestPki.pem(manufacturer.cert()), "purpose", "idevid"))).json().get("pin").asText();
        Stats.expect(201, http.putJson(base + "/groups/bench", admin, Map.of("anchors", List.of(pin), "evidence_types", List.of("eat"),
                "serial_pattern", "B-[0-9]+", "quota", 1_000_000, "certificate_validity", "P30D")));
        Stats.expect(201, http.postJson(realm.adminPath("/clients"), kc.masterToken(), Map.of("clientId", "stock-x509",
                "clientAuthenticatorType", "client-x509", "publicClient", false, "serviceAccountsEnabled", true,
                "standardFlowEnabled", false, "attributes", Map.of("x509.subjectdn", "CN=stock-x509",
                        "tls.client.certificate.bound.access.tokens", "true"))));

        // Client-side crypto happens before the clock starts: identities, CSRs and IDevIDs.
        List<TestPki.Issuer> idevids = new ArrayList<>();
        List<KeyPair> keys = new ArrayList<>();
        List<String> csrs = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            idevids.add(TestPki.idevid(manufacturer, "B-" + i));
            KeyPair k = TestPki.ecKeys();
            keys.add(k);
            csrs.add(TestPki.csrPem(k, "CN=x"));
        }
        String realmPath = "/realms/" + realm.name();
        List<X509Certificate> ldevids = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(DEVICES, null)));
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> jobs = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            jobs.add(pool.submit(() -> {
                Http client = kc.http();
                for (int i = next.getAndIncrement(); i < DEVICES; i = next.getAndIncrement()) {
                    String nonce = client.postJson(realmPath + "/device-identity/challenge", null, Map.of("group", "bench")).json().get("nonce").asText();
                    String evidence = TestPki.sign(TestPki.claims(nonce, "B-" + i, keys.get(i).getPublic()).build(), idevids.get(i),
                            List.of(idevids.get(i).cert(), manufacturer.cert()));
                    Http.Reply r = client.postJson(realmPath + "/device-identity/enroll", null, Map.of("group", "bench", "csr", csrs.get(i), "evidence", evidence));
                    if (r.status() != 201) {
                        throw new IllegalStateException("enrolment failed: " + r);
                    }
                    ldevids.set(i, cert(r.json().get("certificate").asText()));
                }
                return null;
            }));
        }
        for (Future<?> f : jobs) {
            f.get();
        }
        double enrolSeconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();

        Identity stock = new Identity(cityCa.keys().getPrivate(), List.of(stockCert(cityCa)));
        List<Identity> devices = new ArrayList<>();
        for (int i = 0; i < WORKERS; i++) {
            devices.add(new Identity(keys.get(i).getPrivate(), List.of(ldevids.get(i), cityCa.cert())));
        }
        String tokenUrl = kc.httpsUrl() + realmPath + "/protocol/openid-connect/token";
        System.err.println("warming up " + WARMUP.toSeconds() + " s per scenario");
        window("stock", tokenUrl, "stock-x509", List.of(stock), WARMUP);
        window("device", tokenUrl, "fleet-bench", devices, WARMUP);
        List<Window> stockWindows = new ArrayList<>();
        List<Window> deviceWindows = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < ROUNDS; r++) {
            Window a;
            Window b;
            if (r % 2 == 0) {
                a = window("stock", tokenUrl, "stock-x509", List.of(stock), WINDOW);
                b = window("device", tokenUrl, "fleet-bench", devices, WINDOW);
            } else {
                b = window("device", tokenUrl, "fleet-bench", devices, WINDOW);
                a = window("stock", tokenUrl, "stock-x509", List.of(stock), WINDOW);
            }
            stockWindows.add(a);
            deviceWindows.add(b);
            ratios.add(b.rate() / a.rate());
            System.err.printf("round %d: stock %.0f/s, device %.0f/s, ratio %.3f%n", r + 1, a.rate(), b.rate(), b.rate() / a.rate());
        }

        int seeded = seed(kc, realm, SEED_TO - DEVICES);
        window("device-100k", tokenUrl, "fleet-bench", devices, Duration.ofSeconds(20));
        List<Window> bigWindows = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            bigWindows.add(window("device-100k", tokenUrl, "fleet-bench", devices, WINDOW));
        }

        String java = System.getProperty("server.java.version", "?");
        System.out.printf("Keycloak 26.7.3, server JDK %s, %d cores, dev-file H2, %d workers over keep-alive mTLS connections, "
                        + "%d interleaved rounds of %d s after %d s warm-up per scenario.%n%n",
                java, Runtime.getRuntime().availableProcessors(), WORKERS, ROUNDS, WINDOW.toSeconds(), WARMUP.toSeconds());
        System.out.println("| Measure | Result | Target |");
        System.out.println("|---|---|---|");
        System.out.printf("| Enrolment (challenge + EAT + CSR + issuance + persistence), %d devices, 4 clients | %.1f /s | ≥ 30 /s |%n",
                DEVICES, DEVICES / enrolSeconds);
        System.out.printf("| Stock `client-x509` client_credentials grants | %.0f /s (min–max %.0f–%.0f), p50 %.1f ms, p95 %.1f ms | |%n",
                Stats.median(stockWindows.stream().map(Window::rate).toList()), min(stockWindows), max(stockWindows),
                pct(stockWindows, 50), pct(stockWindows, 95));
        System.out.printf("| Device grants through the fleet client (%d devices) | %.0f /s (min–max %.0f–%.0f), p50 %.1f ms, p95 %.1f ms | |%n",
                DEVICES, Stats.median(deviceWindows.stream().map(Window::rate).toList()), min(deviceWindows), max(deviceWindows),
                pct(deviceWindows, 50), pct(deviceWindows, 95));
        System.out.printf("| Device / stock throughput, median of per-round ratios (min–max) | %.2f (%.2f–%.2f) | ≥ 0.9 |%n",
                Stats.median(ratios), Collections.min(ratios), Collections.max(ratios));
        System.out.printf("| Device grants with %d registered devices | %.0f /s, p50 %.1f ms, p95 %.1f ms | |%n",
                DEVICES + seeded, Stats.median(bigWindows.stream().map(Window::rate).toList()), pct(bigWindows, 50), pct(bigWindows, 95));
        System.out.printf("| Token p95, %d vs %d devices | %+.1f %% | within 10 %% |%n", DEVICES + seeded, DEVICES,
                (pct(bigWindows, 95) / pct(deviceWindows, 95) - 1) * 100);
        long failures = stockWindows.stream().mapToInt(Window::failed).sum() + deviceWindows.stream().mapToInt(Window::failed).sum()
                + bigWindows.stream().mapToInt(Window::failed).sum();
        System.out.printf("%nFailed requests in measured windows: %d.%n", failures);
    }

    static Window window(String scenario, String url, String clientId, List<Identity> identities, Duration length) throws Exception {
        long end = System.nanoTime() + length.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
        List<Future<long[]>> results = new ArrayList<>();
        List<List<Long>> latencies = new ArrayList<>();
        for (int w = 0; w < WORKERS; w++) {
            Identity id = identities.get(w % identities.size());
            List<Long> mine = new ArrayList<>();
            latencies.add(mine);
            results.add(pool.submit(() -> {
                Http client = new Http("", client(id));
                long ok = 0;
                long failed = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    Http.Reply r = client.postForm(url, null, Map.of("grant_type", "client_credentials", "client_id", clientId));
                    long t1 = System.nanoTime();
                    if (r.status() == 200) {
                        ok++;
                        mine.add((t1 - t0) / 1000);
                    } else {
                        failed++;
                        if (failed < 3) {
                            System.err.println(scenario + ": " + r);
                        }
                    }
                }
                return new long[]{ok, failed};
            }));
        }
        int ok = 0;
        int failed = 0;
        for (Future<long[]> f : results) {
            long[] r = f.get();
            ok += (int) r[0];
            failed += (int) r[1];
        }
        pool.shutdown();
        List<Long> all = new ArrayList<>();
        latencies.forEach(all::addAll);
        return new Window(scenario, ok, failed, all, length.toNanos() / 1e9);
    }

    static HttpClient client(Identity id) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", TestTrust.load("server").cert());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("me", id.key(), "x".toCharArray(), id.chain().toArray(X509Certificate[]::new));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "x".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ssl).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** The stock client's certificate, issued by the same CA so that TLS treats both scenarios alike. */
    static X509Certificate stockCert(TestPki.Issuer ca) throws Exception {
        var b = new JcaX509v3CertificateBuilder(ca.cert(), BigInteger.valueOf(System.nanoTime()), Date.from(Instant.now().minusSeconds(60)),
                Date.from(Instant.now().plusSeconds(86400)), new X500Name("CN=stock-x509"), ca.keys().getPublic())
                .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return new JcaX509CertificateConverter().getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.keys().getPrivate())));
    }

    /** Registers more devices straight in the database (each with a certificate row) to test lookups at scale. */
    static int seed(KeycloakDistribution kc, RealmFixture realm, int count) throws Exception {
        String realmId = realm.realmId();
        long now = System.currentTimeMillis();
        try (Connection c = kc.database().orElseThrow().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement d = c.prepareStatement("insert into CITYIAM_DEVICE (ID, REALM_ID, DEVICE_ID, GROUP_NAME, STATUS, "
                    + "IDEVID_SERIAL, KEY_PIN, ATTESTATION, CREATED_AT, UPDATED_AT, VERSION) values (?,?,?,?,?,?,?,?,?,?,0)");
                 PreparedStatement x = c.prepareStatement("insert into CITYIAM_DEV_CERT (ID, REALM_ID, DEVICE_PK, CA_ID, SERIAL, THUMBPRINT, "
                         + "KEY_PIN, STATE, NOT_BEFORE, NOT_AFTER, CERT_PEM) values (?,?,?,?,?,?,?,?,?,?,?)")) {
                for (int i = 0; i < count; i++) {
                    String pk = UUID.randomUUID().toString();
                    d.setString(1, pk); d.setString(2, realmId); d.setString(3, "bench-S-" + i); d.setString(4, "bench");
                    d.setString(5, "active"); d.setString(6, "S-" + i); d.setString(7, "seed-" + i); d.setString(8, "affirming");
                    d.setLong(9, now); d.setLong(10, now);
                    d.addBatch();
                    x.setString(1, UUID.randomUUID().toString()); x.setString(2, realmId); x.setString(3, pk); x.setString(4, "seed");
                    x.setString(5, Integer.toHexString(i)); x.setString(6, "seed-thumbprint-" + i); x.setString(7, "seed-" + i);
                    x.setString(8, "current"); x.setLong(9, now); x.setLong(10, now + 86_400_000L); x.setString(11, "-");
                    x.addBatch();
                    if (i % 2000 == 1999) {
                        d.executeBatch();
                        x.executeBatch();
                        c.commit();
                    }
                }
                d.executeBatch();
                x.executeBatch();
                c.commit();
            }
            try (var rs = c.createStatement().executeQuery("select count(*) from CITYIAM_DEVICE where REALM_ID = '" + realmId + "'")) {
                rs.next();
                int total = rs.getInt(1);
                if (total != DEVICES + count) {
                    throw new IllegalStateException("seeding produced " + total + " devices");
                }
                System.err.println("registry now holds " + total + " devices");
            }
        }
        return count;
    }

    static X509Certificate cert(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(pem.getBytes()));
    }

    static double min(List<Window> ws) {
        return ws.stream().mapToDouble(Window::rate).min().orElse(0);
    }

    static double max(List<Window> ws) {
        return ws.stream().mapToDouble(Window::rate).max().orElse(0);
    }

    static double pct(List<Window> ws, int p) {
        List<Long> all = new ArrayList<>();
        ws.forEach(w -> all.addAll(w.micros()));
        return all.isEmpty() ? 0 : Stats.percentile(all, p) / 1000.0;
    }
}
