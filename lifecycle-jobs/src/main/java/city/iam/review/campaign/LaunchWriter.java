package city.iam.review.campaign;

import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.List;

/**
 * The one writer of a launching campaign. Every write is a compare-and-set on the campaign's {@code progressAt}:
 * it goes through only while the value is the one this writer wrote last, and writes a later one. A launcher that
 * was merely slow, not dead, while the review job took its launch over thus loses at its next batch (rolled back,
 * nothing more written) instead of adding items beside the job's. The row is updated before the items are
 * inserted, so two writers of the same moment queue on its row lock and the second finds the value changed.
 */
final class LaunchWriter {

    /** This writer no longer owns the launch: another node took it over, or it was sealed or removed. */
    static final class Lost extends RuntimeException {
        Lost(String campaignId) {
            super("launch of campaign " + campaignId + " was taken over by another writer", null, false, false);
        }
    }

    private final KeycloakSessionFactory factory;
    private final String campaignId;
    private long last;

    private LaunchWriter(KeycloakSessionFactory factory, String campaignId, long last) {
        this.factory = factory;
        this.campaignId = campaignId;
        this.last = last;
    }

    /** The writer of a campaign row it is about to insert with {@code progressAt} set to {@link #progress()}. */
    static LaunchWriter fresh(KeycloakSessionFactory factory, String campaignId) {
        return new LaunchWriter(factory, campaignId, System.currentTimeMillis());
    }

    /** The would-be writer of a cut-off launch last written with {@code seenProgressAt}; see {@link #takeOver}. */
    static LaunchWriter taking(KeycloakSessionFactory factory, String campaignId, long seenProgressAt) {
        return new LaunchWriter(factory, campaignId, seenProgressAt);
    }

    /** Makes this the launch's writer in {@code s}'s transaction; false, writing nothing, if it moved on meanwhile. */
    boolean takeOver(KeycloakSession s) {
        return advance(em(s));
    }

    long progress() {
        return last;
    }

    /** One batch of items and the count so far, or {@link Lost}. */
    void batch(List<ItemEntity> items, long count) {
        long next = next();
        KeycloakModelUtils.runJobInTransaction(factory, s -> {
            EntityManager em = em(s);
            int n = em.createQuery("update CampaignEntity c set c.itemCount = :n, c.progressAt = :t"
                            + " where c.id = :id and c.status = 'LAUNCHING' and c.progressAt = :last")
                    .setParameter("n", count).setParameter("t", next).setParameter("id", campaignId).setParameter("last", last)
                    .executeUpdate();
            if (n != 1) {
                throw new Lost(campaignId);
            }
            ItemRows.insert(em, items);
        });
        last = next;
    }

    /**
     * The launching campaign locked for sealing in {@code s}'s transaction, or {@link Lost}; the caller opens it.
     */
    CampaignEntity lockOwned(KeycloakSession s) {
        EntityManager em = em(s);
        CampaignEntity c = em.find(CampaignEntity.class, campaignId, LockModeType.PESSIMISTIC_WRITE);
        if (c == null || !CampaignLauncher.LAUNCHING.equals(c.getStatus()) || c.getProgressAt() == null || c.getProgressAt() != last) {
            throw new Lost(campaignId);
        }
        return c;
    }

    /** Removes the launch with its items if this writer still owns it; answers the items removed, or -1. */
    int discardIfOwned(KeycloakSession s, String realmId) {
        EntityManager em = em(s);
        if (!advance(em)) {
            return -1;
        }
        return new Campaigns(em, realmId).discard(campaignId);
    }

    /** Moves {@code progressAt} on from this writer's last value; false when it was not that any more. */
    private boolean advance(EntityManager em) {
        long next = next();
        int n = em.createQuery("update CampaignEntity c set c.progressAt = :t where c.id = :id and c.status = 'LAUNCHING' and c.progressAt = :last")
                .setParameter("t", next).setParameter("id", campaignId).setParameter("last", last).executeUpdate();
        if (n == 1) {
            last = next;
        }
        return n == 1;
    }

    /** Wall clock, but always after this writer's last value, so no two of its writes carry the same one. */
    private long next() {
        return Math.max(System.currentTimeMillis(), last + 1);
    }

    static EntityManager em(KeycloakSession s) {
        return s.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
