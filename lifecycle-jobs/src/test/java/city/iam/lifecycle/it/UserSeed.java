package city.iam.lifecycle.it;

import city.iam.testing.TestServer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.UUID;

/**
 * Many users fast: plain INSERTs in batches of 1000 into Keycloak's user table and, for every other user, the
 * tracker's table. Users are {@code bench-0 .. bench-(n-1)}; Keycloak reads them like any other (no cache yet).
 */
public final class UserSeed {

    private UserSeed() {
    }

    public static long users(TestServer server, String realmId, int users, long createdAt, long lastAuthAt) throws Exception {
        try (Connection c = server.database().orElseThrow().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement u = c.prepareStatement("INSERT INTO USER_ENTITY (ID, EMAIL, EMAIL_CONSTRAINT, EMAIL_VERIFIED, ENABLED,"
                    + " REALM_ID, USERNAME, CREATED_TIMESTAMP, NOT_BEFORE) VALUES (?, ?, ?, FALSE, TRUE, ?, ?, ?, 0)");
                 PreparedStatement a = c.prepareStatement("INSERT INTO CITYIAM_LJ_USER_AUTH (USER_ID, REALM_ID, LAST_AUTH_AT, EVENT_TYPE, CLIENT_ID)"
                         + " VALUES (?, ?, ?, 'LOGIN', 'bench')")) {
                for (int i = 0; i < users; i++) {
                    String id = UUID.randomUUID().toString();
                    String name = "bench-" + i;
                    u.setString(1, id);
                    u.setString(2, name + "@example.org");
                    u.setString(3, name + "@example.org");
                    u.setString(4, realmId);
                    u.setString(5, name);
                    u.setLong(6, createdAt);
                    u.addBatch();
                    if (i % 2 == 0) {
                        a.setString(1, id);
                        a.setString(2, realmId);
                        a.setLong(3, lastAuthAt);
                        a.addBatch();
                    }
                    if (i % 1000 == 999) {
                        u.executeBatch();
                        a.executeBatch();
                        c.commit();
                    }
                }
                u.executeBatch();
                a.executeBatch();
                c.commit();
            }
            analyze(c, "USER_ENTITY", "CITYIAM_LJ_USER_AUTH");
            try (PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM USER_ENTITY WHERE REALM_ID = ? AND USERNAME LIKE 'bench-%'")) {
                count.setString(1, realmId);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
    }

    /** Every bench user gets the roles and a manager attribute naming bench-(i mod managers). */
    public static void rolesAndManagers(TestServer server, String realmId, List<String> roleIds, int managers) throws Exception {
        try (Connection c = server.database().orElseThrow().connect()) {
            c.setAutoCommit(false);
            try (PreparedStatement users = c.prepareStatement("SELECT ID, USERNAME FROM USER_ENTITY WHERE REALM_ID = ? AND USERNAME LIKE 'bench-%'");
                 PreparedStatement map = c.prepareStatement("INSERT INTO USER_ROLE_MAPPING (ROLE_ID, USER_ID) VALUES (?, ?)");
                 PreparedStatement attr = c.prepareStatement("INSERT INTO USER_ATTRIBUTE (NAME, VALUE, USER_ID, ID) VALUES ('manager', ?, ?, ?)")) {
                users.setString(1, realmId);
                int n = 0;
                try (ResultSet rs = users.executeQuery()) {
                    while (rs.next()) {
                        String id = rs.getString(1);
                        int i = Integer.parseInt(rs.getString(2).substring("bench-".length()));
                        for (String role : roleIds) {
                            map.setString(1, role);
                            map.setString(2, id);
                            map.addBatch();
                        }
                        attr.setString(1, "bench-" + (i % managers));
                        attr.setString(2, id);
                        attr.setString(3, UUID.randomUUID().toString());
                        attr.addBatch();
                        if (++n % 1000 == 0) {
                            map.executeBatch();
                            attr.executeBatch();
                        }
                    }
                }
                map.executeBatch();
                attr.executeBatch();
                c.commit();
            }
            analyze(c, "USER_ROLE_MAPPING", "USER_ATTRIBUTE");
        }
    }

    /**
     * PostgreSQL and MariaDB plan by table statistics, which their background analysis refreshes within minutes of a
     * load like this one in a real deployment; a benchmark that starts at once would time plans made for the tables'
     * earlier, tiny size (on PostgreSQL the sweep's user read took 1.1 s a batch instead of milliseconds). H2 plans
     * by its indexes and is left alone.
     */
    private static void analyze(Connection c, String... tables) throws java.sql.SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT);
        boolean postgres = product.contains("postgres");
        if (!postgres && !product.contains("maria") && !product.contains("mysql")) {
            return;
        }
        c.setAutoCommit(true);
        try (java.sql.Statement st = c.createStatement()) {
            for (String table : tables) {
                st.execute((postgres ? "ANALYZE " : "ANALYZE TABLE ") + table);
            }
        }
        c.setAutoCommit(false);
    }
}
