package city.iam.review.campaign;

import city.iam.review.jpa.ItemEntity;
import jakarta.persistence.EntityManager;
import org.hibernate.Session;

import java.sql.PreparedStatement;
import java.sql.Types;
import java.util.List;

/**
 * Writes a launch's new items as one JDBC batch on the transaction's own connection. A launch writes hundreds of
 * thousands of rows nobody reads back in that transaction: going through the persistence context (persist,
 * flush, dirty check, detach) cost more than the insert itself. Only the columns a new item has are written;
 * the rest start null, as they would through JPA.
 */
final class ItemRows {

    private static final String INSERT = "INSERT INTO CITYIAM_AR_ITEM (ID, REALM_ID, CAMPAIGN_ID, SEQ, USER_ID, USERNAME, ACCESS_TYPE,"
            + " ACCESS_ID, ACCESS_NAME, GRANT_KIND, GRANT_VIA_ID, GRANT_PATH, PRIVILEGED, RECOMMENDATION, RECOMMENDATION_REASONS, STAGE,"
            + " REVIEWER_ID, REVIEWER_SOURCE, VERSION) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)";

    private ItemRows() {
    }

    static void insert(EntityManager em, List<ItemEntity> items) {
        if (items.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
                for (ItemEntity i : items) {
                    int c = 0;
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
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        });
    }

    private static void text(PreparedStatement ps, int column, String value) throws java.sql.SQLException {
        if (value == null) {
            ps.setNull(column, Types.VARCHAR);
        } else {
            ps.setString(column, value);
        }
    }
}
