package city.iam.review.campaign;

import city.iam.kernel.error.CityIamException;
import city.iam.review.jpa.ItemEntity;
import jakarta.persistence.EntityManager;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A campaign's progress aggregated in the database — one grouped query over a covering index, and an answer of the
 * same small size whether the campaign has ten items or 500 000: items and decisions by type, by reviewer and by
 * remediation state, decisions over time in buckets of an hour or a day, and the overdue count. Undecided items
 * ({@code decision} null or {@code NOT_DECIDED}) count as {@code open}.
 */
public final class Progress {

    static final String OPEN = "open";

    /** Bucket width of the decisions-over-time series. */
    public enum Bucket {
        HOUR("PT1H", Duration.ofHours(1)), DAY("P1D", Duration.ofDays(1));

        public final String iso;
        public final Duration width;

        Bucket(String iso, Duration width) {
            this.iso = iso;
            this.width = width;
        }

        /** {@code PT1H} or {@code P1D}; null picks hours for campaigns younger than two days, else days. */
        public static Bucket parse(String value, long campaignCreatedAt, long now) {
            if (value == null || value.isBlank()) {
                return now - campaignCreatedAt <= Duration.ofDays(2).toMillis() ? HOUR : DAY;
            }
            for (Bucket b : values()) {
                if (b.iso.equalsIgnoreCase(value.trim())) {
                    return b;
                }
            }
            throw CityIamException.badRequest("invalid_bucket", "bucket is PT1H (hours) or P1D (days).");
        }
    }

    /** One reviewer's share: items assigned and decided. */
    public record ReviewerCount(String reviewerId, long items, long decided) {
    }

    /** Decisions made within one bucket starting at {@code start} (epoch ms) and the running total up to its end. */
    public record Point(long start, long decided, long cumulative) {
    }

    /** The aggregates; reviewers sorted by items, most first. */
    public record Totals(long items, long decided, Map<String, Long> decisions, Map<String, Long> remediation, List<ReviewerCount> reviewers) {
    }

    private final EntityManager em;

    public Progress(EntityManager em) {
        this.em = em;
    }

    /** Totals, decisions over time and the overdue count of a campaign, from one pass over its progress index. */
    public record Summary(Totals totals, List<Point> points, long overdue) {
    }

    /**
     * One grouped query, answered from the covering index {@code IDX_CITYIAM_AR_ITEM_PROGRESS} without reading item
     * rows: on H2 with 500 000 items the three queries it replaces read every row of the campaign three times
     * (11 s for the progress call); grouped by decision, reviewer, remediation, decision bucket and whether
     * {@code overdueCondition} (a JPQL condition on {@code i}, without parameters) holds.
     */
    public Summary summary(String campaignId, Bucket bucket, String overdueCondition) {
        long width = bucket.width.toMillis();
        String slot = "floor(i.decidedAt / " + width + ")";
        String overdue = "case when " + overdueCondition + " then 1 else 0 end";
        List<Object[]> rows = em.createQuery("select i.decision, i.reviewerId, i.remediation, " + slot + ", " + overdue + ", count(*)"
                + " from ItemEntity i where i.campaignId = :c group by i.decision, i.reviewerId, i.remediation, " + slot + ", " + overdue,
                Object[].class).setParameter("c", campaignId).getResultList();
        Map<String, Long> decisions = new TreeMap<>();
        Map<String, Long> remediation = new TreeMap<>();
        Map<String, long[]> reviewers = new LinkedHashMap<>();
        TreeMap<Long, Long> slots = new TreeMap<>();
        long items = 0;
        long decided = 0;
        long overdueCount = 0;
        for (Object[] r : rows) {
            String decision = undecided((String) r[0]) ? OPEN : (String) r[0];
            long n = ((Number) r[5]).longValue();
            items += n;
            decisions.merge(decision, n, Long::sum);
            if (r[2] != null) {
                remediation.merge((String) r[2], n, Long::sum);
            }
            long[] mine = reviewers.computeIfAbsent(r[1] == null ? "" : (String) r[1], k -> new long[2]);
            mine[0] += n;
            if (OPEN.equals(decision)) {
                overdueCount += ((Number) r[4]).intValue() == 1 ? n : 0;
            } else {
                decided += n;
                mine[1] += n;
                if (r[3] != null) {
                    slots.merge(((Number) r[3]).longValue(), n, Long::sum);
                }
            }
        }
        List<ReviewerCount> byReviewer = new ArrayList<>();
        reviewers.forEach((id, n) -> byReviewer.add(new ReviewerCount(id.isEmpty() ? null : id, n[0], n[1])));
        byReviewer.sort(Comparator.comparingLong(ReviewerCount::items).reversed()
                .thenComparing(ReviewerCount::reviewerId, Comparator.nullsLast(Comparator.naturalOrder())));
        List<Point> points = new ArrayList<>(slots.size());
        long total = 0;
        for (Map.Entry<Long, Long> e : slots.entrySet()) {
            total += e.getValue();
            points.add(new Point(e.getKey() * width, e.getValue(), total));
        }
        return new Summary(new Totals(items, decided, decisions, remediation, byReviewer), points, overdueCount);
    }

    /** The first {@code max} items whose remediation failed, in item order, with the failure reason. */
    public List<ItemEntity> failures(String campaignId, int max) {
        return withRemediation(campaignId, "FAILED", max);
    }

    /** The first {@code max} items left for manual follow-up (remediation MANUAL), in item order, with what to do. */
    public List<ItemEntity> manual(String campaignId, int max) {
        return withRemediation(campaignId, "MANUAL", max);
    }

    private List<ItemEntity> withRemediation(String campaignId, String state, int max) {
        // The sequence numbers from the covering index, then only those rows: filtering the campaign index on
        // remediation read every item row of the campaign.
        List<Long> seqs = em.createQuery("select i.seq from ItemEntity i where i.campaignId = :c and i.remediation = :state order by i.campaignId, i.seq", Long.class)
                .setParameter("c", campaignId).setParameter("state", state).setMaxResults(max).getResultList();
        return Campaigns.itemsAt(em, campaignId, seqs);
    }

    static boolean undecided(String decision) {
        return decision == null || "NOT_DECIDED".equals(decision);
    }
}
