package city.iam.review.campaign;

import city.iam.review.decision.Recommendation;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns walked rows into numbered items, hashing each as it goes. A resumed launch primes it with the items
 * committed before the cut-off ({@link #committed}) so numbering and hash go on as if nothing had happened. The
 * hash takes each item as stored (its path cut to the column's length), so the stored items alone reproduce it.
 */
final class Freezer {

    private final CampaignEntity campaign;
    private final ReviewDefinition definition;
    private final long now;
    private final ItemIds ids;
    private final SnapshotHasher hasher = new SnapshotHasher();
    private long seq;
    private long unassigned;
    String denyReason;

    Freezer(CampaignEntity campaign, ReviewDefinition definition, long now, long idEpochMillis) {
        this.campaign = campaign;
        this.definition = definition;
        this.now = now;
        this.ids = new ItemIds(idEpochMillis);
    }

    /** One item stored before, in sequence order from 1: hashed and counted again, never written. */
    void committed(ItemEntity i) {
        if (i.getSeq() != seq + 1) {
            throw new IllegalStateException("committed items are not contiguous: " + i.getSeq() + " after " + seq);
        }
        seq = i.getSeq();
        hasher.add(seq, i.getAccessId(), i.getAccessType(), i.getGrantKind(), i.getGrantPath(), i.getGrantViaId(), i.getUserId());
        if (i.getReviewerId() == null) {
            unassigned++;
        }
    }

    List<ItemEntity> items(List<SnapshotWalk.Row> rows) {
        List<ItemEntity> items = new ArrayList<>(rows.size());
        for (SnapshotWalk.Row row : rows) {
            seq++;
            ItemEntity i = item(row);
            hasher.add(seq, i.getAccessId(), i.getAccessType(), i.getGrantKind(), i.getGrantPath(), i.getGrantViaId(), i.getUserId());
            items.add(i);
            if (!row.assignment().assigned()) {
                unassigned++;
            }
        }
        return items;
    }

    /** The frozen time recommendations and filters are judged at. */
    long now() {
        return now;
    }

    long seq() {
        return seq;
    }

    long unassigned() {
        return unassigned;
    }

    /** Closes the hash: call once, when the walk is done. */
    void seal(CampaignEntity c) {
        c.setItemCount(seq);
        c.setSnapshotHash(hasher.hex());
    }

    private ItemEntity item(SnapshotWalk.Row row) {
        Grant g = row.grant();
        Recommendation rec = row.recommendation(definition, now);
        if (denyReason != null) {
            rec = rec.deniedFirstFor(denyReason);
        }
        ItemEntity i = new ItemEntity();
        i.setId(ids.id(seq));
        i.setRealmId(campaign.getRealmId());
        i.setCampaignId(campaign.getId());
        i.setSeq(seq);
        i.setUserId(g.userId());
        i.setUsername(g.username());
        i.setAccessType(g.type().code());
        i.setAccessId(g.accessId());
        i.setAccessName(g.accessName());
        i.setGrantKind(g.kind().name());
        i.setGrantViaId(g.viaId());
        i.setGrantPath(truncate(g.path(), 1000));
        i.setPrivileged(g.privileged());
        i.setRecommendation(rec.verdict());
        i.setRecommendationReasons(truncate(rec.joinedReasons(), 1000));
        i.setStage(1);
        i.setReviewerId(row.assignment().reviewerId());
        i.setReviewerSource(row.assignment().source());
        return i;
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
