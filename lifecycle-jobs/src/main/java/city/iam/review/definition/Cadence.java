package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How often a grant must be reviewed, by the highest sensitivity it reaches and by the privileged flag (LJ-26):
 * e.g. sensitive every 90 days, quasi-sensitive 180, open 365, privileged 90. A grant is due when its last
 * certifying review (an ACCEPT or exception) is older than the shortest period that applies to it, or when it
 * was never certified. A grant
 * with no sensitivity counts as {@code open}, the lowest class. Without a cadence every grant is always due.
 */
public record Cadence(Map<String, Duration> periods) {

    public static final String SENSITIVE = "sensitive";
    public static final String QUASI_SENSITIVE = "quasi-sensitive";
    public static final String OPEN = "open";
    public static final String PRIVILEGED = "privileged";
    /** Highest first: a grant reaching several classes is judged by the highest. */
    public static final List<String> CLASSES = List.of(SENSITIVE, QUASI_SENSITIVE, OPEN);
    public static final Cadence ALWAYS = new Cadence(Map.of());

    public static Cadence parse(Map<String, String> doc) {
        if (doc == null || doc.isEmpty()) {
            return ALWAYS;
        }
        Map<String, Duration> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : doc.entrySet()) {
            if (!CLASSES.contains(e.getKey()) && !PRIVILEGED.equals(e.getKey())) {
                throw CityIamException.badRequest("invalid_cadence", "cadence_by_sensitivity names '" + e.getKey()
                        + "'; use sensitive, quasi-sensitive, open or privileged.");
            }
            out.put(e.getKey(), ReviewDefinition.duration("cadence_by_sensitivity." + e.getKey(), e.getValue()));
        }
        return new Cadence(Map.copyOf(out));
    }

    public boolean always() {
        return periods.isEmpty();
    }

    /** The period this grant is reviewed at, or null when none applies (then it is always due). */
    public Duration periodFor(String sensitivity, boolean privileged) {
        String cls = sensitivity == null || !CLASSES.contains(sensitivity) ? OPEN : sensitivity;
        Duration period = periods.get(cls);
        Duration priv = privileged ? periods.get(PRIVILEGED) : null;
        if (period == null || (priv != null && priv.compareTo(period) < 0)) {
            period = priv;
        }
        return period;
    }

    /** Whether a grant last reviewed at {@code lastReviewedAt} (null: never) must be reviewed at {@code now}. */
    public boolean due(String sensitivity, boolean privileged, Long lastReviewedAt, long now) {
        Duration period = periodFor(sensitivity, privileged);
        return period == null || lastReviewedAt == null || now - lastReviewedAt >= period.toMillis();
    }

    /**
     * When a grant last certified at {@code lastCertifiedAt} is next due: that time plus its period; null when it
     * is due at every launch (no period applies) or was never certified (due now).
     */
    public Long dueAt(String sensitivity, boolean privileged, Long lastCertifiedAt) {
        Duration period = periodFor(sensitivity, privileged);
        return period == null || lastCertifiedAt == null ? null : lastCertifiedAt + period.toMillis();
    }

    /** Highest of the classes named (null when none is a known class). */
    public static String highest(java.util.Collection<String> sensitivities) {
        for (String cls : CLASSES) {
            if (sensitivities.contains(cls)) {
                return cls;
            }
        }
        return null;
    }

    /** The stored form, in a stable order, durations spelt as every other duration the server stores (P90D as PT2160H). */
    public Map<String, String> document() {
        if (periods.isEmpty()) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : List.of(SENSITIVE, QUASI_SENSITIVE, OPEN, PRIVILEGED)) {
            if (periods.containsKey(k)) {
                out.put(k, periods.get(k).toString());
            }
        }
        return out;
    }
}
