package city.iam.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Keycloak from the distribution zip, run as a child process ({@code kc.sh start-dev}) with our jars in
 * {@code providers/}, on free ports, so tests exercise exactly what an operator installs.
 */
public final class KeycloakDistribution implements TestServer {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin";
    /** How long a start (and {@code kc.sh build}) may take; {@code -Dcityiam.test.start-timeout=PT15M} for a loaded, shared machine. */
    private static final Duration START_TIMEOUT = Duration.parse(System.getProperty("cityiam.test.start-timeout", "PT10M"));

    private final ServerConfig config;
    private final TestDatabase database;
    private final int httpPort;
    private final int managementPort;
    private final int httpsPort;
    private final Path logFile;
    private Process process;
    private List<String> startOptions;

    private final boolean ownsDatabase;

    private KeycloakDistribution(ServerConfig config) {
        this(config, null, "keycloak");
    }

    private KeycloakDistribution(ServerConfig config, TestDatabase shared, String name) {
        this.config = config;
        this.ownsDatabase = shared == null;
        this.database = shared != null ? shared : TestDatabase.select(config.db(), config.work());
        this.httpPort = freePort();
        this.managementPort = freePort();
        this.httpsPort = freePort();
        this.logFile = config.work().resolve(name + ".log");
    }

    /**
     * A second Keycloak process on the same database (and installation), on ports of its own: two nodes of one
     * deployment, for tests of work that must run once per cluster. Its caches are local, so what it should see
     * must exist before it starts. Closing it leaves the database to this node.
     */
    public KeycloakDistribution secondNode() {
        KeycloakDistribution node = new KeycloakDistribution(config, database, "keycloak-node2");
        List<String> options = new ArrayList<>();
        for (String o : startOptions) {
            if (o.startsWith("--http-port=")) {
                options.add("--http-port=" + node.httpPort);
            } else if (o.startsWith("--https-port=")) {
                options.add("--https-port=" + node.httpsPort);
            } else if (o.startsWith("--http-management-port=")) {
                options.add("--http-management-port=" + node.managementPort);
            } else if (!o.equals("--import-realm")) {
                options.add(o);
            }
        }
        node.startOptions = List.copyOf(options);
        try {
            node.process = node.kc(List.of("start-dev"), node.startOptions).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        node.waitUntilReady();
        return node;
    }

    public static KeycloakDistribution start(ServerConfig config) {
        KeycloakDistribution server = new KeycloakDistribution(config);
        server.launch();
        return server;
    }

    private void launch() {
        try {
            Files.createDirectories(config.work());
            deployProviders();
            List<String> options = new ArrayList<>();
            options.add("--http-port=" + httpPort);
            options.add("--https-port=" + httpsPort);
            options.add("--http-management-port=" + managementPort);
            // With TLS configured the management interface would inherit HTTPS; the readiness probe speaks HTTP.
            options.add("--http-management-scheme=http");
            options.add("--health-enabled=true");
            if (config.testClock()) {
                options.add("--spi-realm-restapi-extension--city-iam--test-clock-enabled=true");
            }
            options.addAll(database.serverOptions());
            if (config.importDir() != null) {
                importRealms();
                options.add("--import-realm");
            }
            options.addAll(config.options());
            options.addAll(prepare());
            if (config.buildFirst()) {
                run(List.of("build"), config.options().stream().filter(o -> o.startsWith("--features")).toList(), START_TIMEOUT);
            }
            startOptions = List.copyOf(options);
            process = kc(List.of("start-dev"), startOptions).start();
            waitUntilReady();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> prepare() {
        if (config.prepare().isEmpty()) {
            return List.of();
        }
        try {
            return (List<String>) Class.forName(config.prepare()).getMethod("prepare", Path.class).invoke(null, config.work());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cityiam.test.prepare=" + config.prepare() + " failed", e);
        }
    }

    private void deployProviders() throws IOException {
        Path target = config.home().resolve("providers");
        Files.createDirectories(target);
        try (Stream<Path> old = Files.list(target)) {
            for (Path p : old.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.delete(p);
            }
        }
        if (!Files.isDirectory(config.providers())) {
            throw new IllegalStateException("no provider jars at " + config.providers() + ": run ./mvnw verify");
        }
        try (Stream<Path> jars = Files.list(config.providers())) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, target.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void importRealms() throws IOException {
        Path target = config.home().resolve("data").resolve("import");
        TestDatabase.deleteTree(target);
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(config.importDir())) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Files.copy(f, target.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private ProcessBuilder kc(List<String> command, List<String> options) {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(config.home().resolve("bin").resolve("kc.sh").toString());
        cmd.addAll(command);
        cmd.addAll(options);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(config.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        Map<String, String> env = pb.environment();
        env.put("JAVA_HOME", config.javaHome());
        env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
        env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        env.putIfAbsent("JAVA_OPTS_KC_HEAP", "-Xms256m -Xmx1g");
        return pb;
    }

    private void run(List<String> command, List<String> options, Duration timeout) throws IOException {
        Process p = kc(command, options).start();
        try {
            if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("kc.sh " + command + " failed; log: " + logFile + "\n" + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void waitUntilReady() {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + " during start-up:\n" + tail());
            }
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + managementPort + "/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        close();
        throw new IllegalStateException("Keycloak not ready within " + START_TIMEOUT + ":\n" + tail());
    }

    @Override
    public String baseUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    @Override
    public String httpsUrl() {
        return "https://127.0.0.1:" + httpsPort;
    }

    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    @Override
    public Optional<TestDatabase> database() {
        return Optional.of(database);
    }

    @Override
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private String tail() {
        String log = log();
        return log.length() > 6000 ? log.substring(log.length() - 6000) : log;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            tree.add(process.toHandle());
            tree.forEach(ProcessHandle::destroy);
            for (ProcessHandle h : tree) {
                try {
                    h.onExit().get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            }
        }
        if (ownsDatabase) {
            database.drop();
        }
    }

    /** CPU time the server's processes have used so far: benchmarks divide it by requests served. */
    public java.time.Duration cpuTime() {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(process.toHandle()), process.descendants())
                .map(h -> h.info().totalCpuDuration().orElse(java.time.Duration.ZERO))
                .reduce(java.time.Duration.ZERO, java.time.Duration::plus);
    }

    /**
     * Kills the server as a crash would, then starts it again on the same database and ports, so the same
     * {@link TestServer} serves the rest of the run. For tests of resuming work after a node dies.
     */
    public void crashAndRestart() {
        if (!survivesCrash()) {
            throw new IllegalStateException(database.vendor() + " does not come back consistent from a kill; see survivesCrash()");
        }
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        kill();
        try {
            for (ProcessHandle h : tree) {
                h.onExit().get(60, TimeUnit.SECONDS);
            }
            process = kc(List.of("start-dev"), startOptions).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("restart after kill failed", e);
        }
        waitUntilReady();
    }

    /** Whether {@link #crashAndRestart} is meaningful here: the database recovers from the kill (not embedded H2). */
    public boolean survivesCrash() {
        return database.survivesKill();
    }

    /** Kills the server abruptly (no shutdown hooks), as a crash would. */
    public void kill() {
        if (process != null) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
