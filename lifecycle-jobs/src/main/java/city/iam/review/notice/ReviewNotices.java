package city.iam.review.notice;

import city.iam.review.jpa.ItemEntity;
import city.iam.review.jpa.ReviewNoticeEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;

/** The notice table and the item queries notices are made from, in the caller's transaction. */
public final class ReviewNotices {

    /** Items nobody has decided yet: NOT_DECIDED is recorded but counts as no answer. */
    static final String UNDECIDED = " and (i.decision is null or i.decision = 'NOT_DECIDED')";
    static final String ESCALATED = "escalated:";
    static final String LATE = "late:";
    private static final String MOVED_BY_ESCALATION = "(i.reviewerSource like '" + ESCALATED + "%' or i.reviewerSource like '" + LATE + "%')";
    private static final String OVERDUE = " and i.outcome is null" + UNDECIDED + " and " + MOVED_BY_ESCALATION;

    /** A reviewer and how many of their items a notice is about. */
    record Pending(String reviewerId, long items) {
    }

    private final EntityManager em;
    private final String realmId;

    public ReviewNotices(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    /**
     * Reviewers with items this notice is about who have not had it yet, by reviewer id: assignment for items
     * not escalated, reminders for undecided items, escalation for items moved by it.
     */
    List<Pending> pending(String campaignId, int stage, NoticePlan.Due due, int max) {
        String filter = switch (due.kind()) {
            case ASSIGNED -> " and (i.reviewerSource is null or i.reviewerSource not like '" + ESCALATED + "%')";
            case REMINDER -> UNDECIDED;
            case ESCALATED -> " and i.reviewerSource like '" + ESCALATED + "%'";
            case OVERDUE -> throw new IllegalArgumentException("overdue notices are written by the escalation");
        };
        if (due.at() != null) {
            filter += " and not exists (select n.id from ReviewNoticeEntity n where n.campaignId = :c and n.stage = :s"
                    + " and n.reviewerId = i.reviewerId and n.createdAt >= :at)";
        }
        var query = em.createQuery("select i.reviewerId, count(i) from ItemEntity i where i.campaignId = :c and i.stage = :s"
                        + " and i.outcome is null and i.reviewerId is not null" + filter
                        + " and not exists (select n.id from ReviewNoticeEntity n where n.campaignId = :c and n.stage = :s"
                        + " and n.kind = :k and n.point = :p and n.reviewerId = i.reviewerId)"
                        + " group by i.reviewerId order by i.reviewerId", Object[].class)
                .setParameter("c", campaignId).setParameter("s", stage).setParameter("k", due.kind().name()).setParameter("p", due.point());
        if (due.at() != null) {
            query.setParameter("at", due.at().toEpochMilli());
        }
        return query.setMaxResults(max).getResultStream().map(r -> new Pending((String) r[0], (Long) r[1])).toList();
    }

    /** Undecided items of the stage not yet escalated (or found to have nobody to escalate to), by reviewer. */
    List<ItemEntity> toEscalate(String campaignId, int stage, int max) {
        return em.createQuery("select i from ItemEntity i where i.campaignId = :c and i.stage = :s and i.outcome is null"
                        + " and i.reviewerId is not null" + UNDECIDED
                        + " and (i.reviewerSource is null or (i.reviewerSource not like '" + ESCALATED + "%'"
                        + " and i.reviewerSource not like '" + LATE + "%')) order by i.campaignId, i.stage, i.reviewerId, i.seq", ItemEntity.class)
                .setParameter("c", campaignId).setParameter("s", stage).setMaxResults(max).getResultList();
    }

    /**
     * Overdue items of a stage: still undecided after the stage's escalation point, whether they moved to the
     * escalation reviewer or stayed with a reviewer nobody could be found above. Oldest first.
     */
    public List<ItemEntity> overdue(String campaignId, int stage, int first, int max) {
        return em.createQuery("select i from ItemEntity i where i.campaignId = :c and i.stage = :s" + OVERDUE + " order by i.campaignId, i.seq", ItemEntity.class)
                .setParameter("c", campaignId).setParameter("s", stage).setFirstResult(first).setMaxResults(max).getResultList();
    }

    /**
     * The overdue condition on an item {@code i} of the stage, less its undecidedness (the progress summary groups by
     * decision and judges that itself): a JPQL fragment without parameters.
     */
    public static String overdueCondition(int stage) {
        return "i.stage = " + stage + " and i.outcome is null and " + MOVED_BY_ESCALATION;
    }

    public long overdueCount(String campaignId, int stage) {
        return em.createQuery("select count(*) from ItemEntity i where i.campaignId = :c and i.stage = :s" + OVERDUE, Long.class)
                .setParameter("c", campaignId).setParameter("s", stage).getSingleResult();
    }

    boolean sent(String campaignId, int stage, NoticePlan.Due due, String reviewerId) {
        return !em.createQuery("select n.id from ReviewNoticeEntity n where n.campaignId = :c and n.stage = :s and n.kind = :k"
                        + " and n.point = :p and n.reviewerId = :r", String.class)
                .setParameter("c", campaignId).setParameter("s", stage).setParameter("k", due.kind().name()).setParameter("p", due.point())
                .setParameter("r", reviewerId).setMaxResults(1).getResultList().isEmpty();
    }

    ReviewNoticeEntity record(String campaignId, int stage, NoticePlan.Due due, Pending to, String email, String webhook, long now) {
        ReviewNoticeEntity n = new ReviewNoticeEntity();
        n.setId(KeycloakModelUtils.generateId());
        n.setRealmId(realmId);
        n.setCampaignId(campaignId);
        n.setStage(stage);
        n.setKind(due.kind().name());
        n.setPoint(due.point());
        n.setReviewerId(to.reviewerId());
        n.setItemCount(to.items());
        n.setEmail(email);
        n.setWebhook(webhook);
        n.setCreatedAt(now);
        em.persist(n);
        return n;
    }

    public List<ReviewNoticeEntity> of(String campaignId, int first, int max) {
        return em.createQuery("select n from ReviewNoticeEntity n where n.realmId = :realm and n.campaignId = :c"
                        + " order by n.createdAt, n.stage, n.kind, n.reviewerId", ReviewNoticeEntity.class)
                .setParameter("realm", realmId).setParameter("c", campaignId).setFirstResult(first).setMaxResults(max).getResultList();
    }
}
