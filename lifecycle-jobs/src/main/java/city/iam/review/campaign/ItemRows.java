package city.iam.review.campaign;

import city.iam.review.jpa.ItemEntity;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.Locale;

/**
 * Writes a launch's new items on the transaction's own connection. A launch writes hundreds of thousands of rows
 * nobody reads back in that transaction: going through the persistence context (persist, flush, dirty check,
 * detach) cost more than the insert itself. Only the columns a new item has are written; the rest start null, as
 * they would through JPA.
 *
 * <p>Rows go {@value #ROWS_PER_STATEMENT} to a statement ({@code INSERT … VALUES (…), (…)}), the statements as one
 * JDBC batch: PostgreSQL plans and executes every statement of a batch on its own, and one statement per row made
 * that per-statement work a good part of a launch. Oracle before 23 has no multi-row {@code VALUES}, so there each
 * statement carries one row.
 */
final class ItemRows {

    /** 18 parameters a row: 50 rows stay below the smallest parameter limit of a supported database (SQL Server, 2 100). */
    static final int ROWS_PER_STATEMENT = 50;

    private static final String COLUMNS = "INSERT INTO CITYIAM_AR_ITEM (ID, REALM_ID, CAMPAIGN_ID, SEQ, USER_ID, USERNAME, ACCESS_TYPE,"
            + " ACCESS_ID, ACCESS_NAME, GRANT_KIND, GRANT_VIA_ID, GRANT_PATH, PRIVILEGED, RECOMMENDATION, RECOMMENDATION_REASONS, STAGE,"
            + " REVIEWER_ID, REVIEWER_SOURCE, VERSION) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";

    private ItemRows() {
    }

    static void insert(EntityManager em, List<ItemEntity> items) {
        if (items.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            int perStatement = multiRowValues(connection) ? ROWS_PER_STATEMENT : 1;
            int whole = items.size() / perStatement * perStatement;
            if (whole > 0) {
                try (PreparedStatement ps = connection.prepareStatement(statement(perStatement))) {
                    for (int from = 0; from < whole; from += perStatement) {
                        bind(ps, items.subList(from, from + perStatement));
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
            }
            if (whole < items.size()) {
                try (PreparedStatement ps = connection.prepareStatement(statement(items.size() - whole))) {
                    bind(ps, items.subList(whole, items.size()));
                    ps.executeUpdate();
                }
            }
        });
    }

    static String statement(int rows) {
        StringBuilder sql = new StringBuilder(COLUMNS.length() + rows * (ROW.length() + 2)).append(COLUMNS);
        for (int r = 0; r < rows; r++) {
            sql.append(r == 0 ? "" : ", ").append(ROW);
        }
        return sql.toString();
    }

    private static boolean multiRowValues(Connection connection) throws SQLException {
        return !connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("oracle");
    }

    private static void bind(PreparedStatement ps, List<ItemEntity> rows) throws SQLException {
        int c = 0;
        for (ItemEntity i : rows) {
            ps.setString(++c, i.getId());
            ps.setString(++c, i.getRealmId());
            ps.setString(++c, i.getCampaignId());
            ps.setLong(++c, i.getSeq());
            ps.setString(++c, i.getUserId());
            text(ps, ++c, i.getUsername());
            ps.setString(++c, i.getAccessType());
            ps.setString(++c, i.getAccessId());
            ps.setString(++c, i.getAccessName());
            ps.setString(++c, i.getGrantKind());
            text(ps, ++c, i.getGrantViaId());
            ps.setString(++c, i.getGrantPath());
            ps.setBoolean(++c, i.isPrivileged());
            ps.setString(++c, i.getRecommendation());
            text(ps, ++c, i.getRecommendationReasons());
            ps.setInt(++c, i.getStage());
            text(ps, ++c, i.getReviewerId());
            text(ps, ++c, i.getReviewerSource());
        }
    }

    private static void text(PreparedStatement ps, int column, String value) throws SQLException {
        if (value == null) {
            ps.setNull(column, Types.VARCHAR);
        } else {
            ps.setString(column, value);
        }
    }
}
