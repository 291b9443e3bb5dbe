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
 * A campaign's progress aggregated in the database — two grouped queries, and an answer of the same small size
 * whether the campaign has ten items or 500 000: items and decisions by type, by reviewer and by remediation state (one query), and
 * decisions over time in buckets of an hour or a day (one query). Undecided items ({@code decision} null or
 * {@code NOT_DECIDED}) count as {@code open}.
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

    public Totals totals(String campaignId) {
        List<Object[]> rows = em.createQuery("select i.decision, i.reviewerId, i.remediation, count(i) from ItemEntity i"
                + " where i.campaignId = :c group by i.decision, i.reviewerId, i.remediation", Object[].class)
                .setParameter("c", campaignId).getResultList();
        Map<String, Long> decisions = new TreeMap<>();
        Map<String, Long> remediation = new TreeMap<>();
        Map<String, long[]> reviewers = new LinkedHashMap<>();
        long items = 0;
        long decided = 0;
        for (Object[] r : rows) {
            String decision = undecided((String) r[0]) ? OPEN : (String) r[0];
            long n = ((Number) r[3]).longValue();
            items += n;
            decisions.merge(decision, n, Long::sum);
            if (r[2] != null) {
                remediation.merge((String) r[2], n, Long::sum);
            }
            long[] mine = reviewers.computeIfAbsent(r[1] == null ? "" : (String) r[1], k -> new long[2]);
            mine[0] += n;
            if (!OPEN.equals(decision)) {
                decided += n;
                mine[1] += n;
            }
        }
        List<ReviewerCount> byReviewer = new ArrayList<>();
        reviewers.forEach((id, n) -> byReviewer.add(new ReviewerCount(id.isEmpty() ? null : id, n[0], n[1])));
        byReviewer.sort(Comparator.comparingLong(ReviewerCount::items).reversed()
                .thenComparing(ReviewerCount::reviewerId, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Totals(items, decided, decisions, remediation, byReviewer);
    }

    /** Decisions per bucket, oldest first, only buckets with decisions; the bucket width goes into the query as a literal. */
    public List<Point> overTime(String campaignId, Bucket bucket) {
        long width = bucket.width.toMillis();
        String slot = "floor(i.decidedAt / " + width + ")";
        List<Object[]> rows = em.createQuery("select " + slot + ", count(i) from ItemEntity i where i.campaignId = :c"
                + " and i.decidedAt is not null and i.decision is not null and i.decision <> 'NOT_DECIDED'"
                + " group by " + slot + " order by " + slot, Object[].class)
                .setParameter("c", campaignId).getResultList();
        List<Point> points = new ArrayList<>(rows.size());
        long total = 0;
        for (Object[] r : rows) {
            long n = ((Number) r[1]).longValue();
            total += n;
            points.add(new Point(((Number) r[0]).longValue() * width, n, total));
        }
        return points;
    }

    /** The first {@code max} items whose remediation failed, in item order, with the failure reason. */
    public List<ItemEntity> failures(String campaignId, int max) {
        return em.createQuery("select i from ItemEntity i where i.campaignId = :c and i.remediation = 'FAILED' order by i.seq", ItemEntity.class)
                .setParameter("c", campaignId).setMaxResults(max).getResultList();
    }

    static boolean undecided(String decision) {
        return decision == null || "NOT_DECIDED".equals(decision);
    }
}
