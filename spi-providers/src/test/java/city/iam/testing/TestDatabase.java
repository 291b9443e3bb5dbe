package city.iam.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The database a test server runs on: H2 in a file by default (opened in mixed mode so a test can reach the
 * same file over JDBC), or a fresh PostgreSQL / MariaDB database per run when {@code cityiam.test.db} names
 * one. Connection defaults match the CI machine; override with CITYIAM_TEST_PG_* / CITYIAM_TEST_MARIADB_*.
 */
public abstract class TestDatabase {

    public abstract List<String> serverOptions();

    public abstract Connection connect() throws SQLException;

    public abstract String vendor();

    /** Whether the database comes back consistent after its server process is killed (kill -9) mid-write. */
    public boolean survivesKill() {
        return true;
    }

    public void drop() {
    }

    public static TestDatabase select(String name, Path work) {
        return switch (name == null ? "h2" : name) {
            case "h2", "" -> new H2(work.resolve("h2"));
            case "postgres" -> new Server("postgres",
                    env("CITYIAM_TEST_PG_URL", "jdbc:postgresql://127.0.0.1:5432/"),
                    env("CITYIAM_TEST_PG_USER", "postgres"), env("CITYIAM_TEST_PG_PASSWORD", ""), "postgres");
            case "mariadb" -> new Server("mariadb",
                    env("CITYIAM_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/"),
                    env("CITYIAM_TEST_MARIADB_USER", "root"), env("CITYIAM_TEST_MARIADB_PASSWORD", ""), "");
            default -> throw new IllegalArgumentException("cityiam.test.db must be h2, postgres or mariadb, not " + name);
        };
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    static final class H2 extends TestDatabase {
        private final Path dir;

        H2(Path dir) {
            this.dir = dir;
            deleteTree(dir);
        }

        private String url() {
            return "jdbc:h2:file:" + dir.resolve("keycloakdb").toAbsolutePath() + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE";
        }

        @Override
        public List<String> serverOptions() {
            return List.of("--db=dev-file", "--db-url=" + url(), "--db-username=sa", "--db-password=password");
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(url(), "sa", "password");
        }

        @Override
        public String vendor() {
            return "h2";
        }

        /**
         * Embedded H2 is not: it writes commits to its file from a background thread about once a second, so a
         * kill loses the last second (CI lost a run created just before the kill), and even after a CHECKPOINT
         * right before the kill CI saw a secondary index of CITYIAM_AR_ITEM point at a row its primary index no
         * longer had ("Row not found in primary index"). PostgreSQL and MariaDB sync and recover at commit.
         */
        @Override
        public boolean survivesKill() {
            return false;
        }
    }

    static final class Server extends TestDatabase {
        private final String vendor;
        private final String baseUrl;
        private final String user;
        private final String password;
        private final String adminDb;
        private final String name = "cityiam_it_" + System.currentTimeMillis();

        Server(String vendor, String baseUrl, String user, String password, String adminDb) {
            this.vendor = vendor;
            this.baseUrl = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            this.user = user;
            this.password = password;
            this.adminDb = adminDb;
            execute("CREATE DATABASE " + name + (vendor.equals("mariadb") ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci" : ""));
        }

        private void execute(String sql) {
            try (Connection c = DriverManager.getConnection(baseUrl + adminDb, user, password);
                 Statement s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(vendor + " is not reachable at " + baseUrl + " as " + user + ": " + e.getMessage(), e);
            }
        }

        @Override
        public List<String> serverOptions() {
            List<String> options = new ArrayList<>(List.of("--db=" + vendor, "--db-url=" + baseUrl + name, "--db-username=" + user));
            options.add("--db-password=" + password);
            return options;
        }

        @Override
        public Connection connect() throws SQLException {
            return DriverManager.getConnection(baseUrl + name, user, password);
        }

        @Override
        public String vendor() {
            return vendor;
        }

        @Override
        public void drop() {
            try {
                execute("DROP DATABASE " + name);
            } catch (IllegalStateException e) {
                System.err.println("could not drop test database " + name + ": " + e.getMessage());
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot clean " + dir, e);
        }
    }
}
