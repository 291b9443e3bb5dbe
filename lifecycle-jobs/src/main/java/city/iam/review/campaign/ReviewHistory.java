package city.iam.review.campaign;

import city.iam.review.decision.Decision;
import city.iam.review.decision.PriorReview;
import jakarta.persistence.EntityManager;
import org.keycloak.models.RealmModel;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Earlier campaigns' items of a batch of people, in two queries per batch: when each user × access first
 * appeared in a campaign of this definition, and the latest reviewer decision on it in any campaign of the
 * realm. NOT_DECIDED and REASSIGN are not reviews and are left out.
 */
final class ReviewHistory {

    private static final List<String> NOT_A_REVIEW = List.of(Decision.NOT_DECIDED.name(), Decision.REASSIGN.name());

    private final RealmModel realm;
    private final EntityManager em;
    /** Asked once per walk: a realm or definition without history spares every batch its two queries. */
    private Boolean anyEarlierCampaign;
    private Boolean anyDecision;

    ReviewHistory(RealmModel realm, EntityManager em) {
        this.realm = realm;
        this.em = em;
    }

    static String key(String userId, String accessId) {
        return userId + "|" + accessId;
    }

    /** user id|access id → what is known; pairs never reviewed are absent. */
    Map<String, PriorReview> of(String definitionId, Collection<String> userIds) {
        Map<String, PriorReview> out = new HashMap<>();
        if (userIds.isEmpty()) {
            return out;
        }
        if (anyEarlierCampaign == null) {
            // A launch in committed batches is LAUNCHING itself: only earlier campaigns count.
            anyEarlierCampaign = !em.createQuery("select c.id from CampaignEntity c where c.realmId = :realm and c.definitionId = :definition"
                            + " and c.status <> 'LAUNCHING'", String.class)
                    .setParameter("realm", realm.getId()).setParameter("definition", definitionId).setMaxResults(1).getResultList().isEmpty();
            anyDecision = !em.createQuery("select i.id from ItemEntity i where i.realmId = :realm and i.decidedAt is not null", String.class)
                    .setParameter("realm", realm.getId()).setMaxResults(1).getResultList().isEmpty();
        }
        if (anyEarlierCampaign) {
            firstSeen(definitionId, userIds, out);
        }
        if (anyDecision) {
            lastDecisions(userIds, out);
        }
        return out;
    }

    private void firstSeen(String definitionId, Collection<String> userIds, Map<String, PriorReview> out) {
        em.createQuery("select i.userId, i.accessId, min(c.createdAt) from ItemEntity i, CampaignEntity c where c.id = i.campaignId"
                        + " and i.realmId = :realm and i.userId in :users and c.definitionId = :definition group by i.userId, i.accessId", Object[].class)
                .setParameter("realm", realm.getId()).setParameter("users", userIds).setParameter("definition", definitionId)
                .getResultStream().forEach(r -> out.merge(key((String) r[0], (String) r[1]), PriorReview.NONE.withFirstSeen((Long) r[2]),
                        (a, b) -> a.withFirstSeen(b.firstSeenAt())));
    }

    private void lastDecisions(Collection<String> userIds, Map<String, PriorReview> out) {
        em.createQuery("select i.userId, i.accessId, i.decision, i.decidedAt from ItemEntity i where i.realmId = :realm and i.userId in :users"
                        + " and i.decidedAt is not null and i.decision not in :skip", Object[].class)
                .setParameter("realm", realm.getId()).setParameter("users", userIds).setParameter("skip", NOT_A_REVIEW)
                .getResultStream().forEach(r -> out.merge(key((String) r[0], (String) r[1]),
                        PriorReview.NONE.withDecision((String) r[2], (Long) r[3]), (a, b) -> a.withDecision(b.lastDecision(), b.lastDecidedAt())));
    }
}
