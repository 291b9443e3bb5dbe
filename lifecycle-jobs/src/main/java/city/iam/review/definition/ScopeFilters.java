package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code scope.filters}: what narrows a definition's grants beyond its selectors. Subject filters look at the
 * holder (their attributes, their last sign-in, whether they are a guest), access filters at the granted role,
 * group or organisation (its attributes, the dataset class it reaches). Every filter given must match; an
 * attribute matches when the holder (or the access) has at least one of the values listed for it.
 *
 * <p>Plain Java, so that parsing and matching are tested without a server; {@code city.iam.review.campaign}
 * reads the facts in bulk and asks these methods. Launch, preview and drift all go through the same methods,
 * which is what keeps a preview's count equal to the launched items.
 */
public record ScopeFilters(Map<String, Set<String>> subjectAttributes, Map<String, Set<String>> accessAttributes,
                           Duration inactiveFor, String minSensitivity, Subjects subjects) {

    public static final ScopeFilters NONE = new ScopeFilters(Map.of(), Map.of(), null, null, Subjects.ALL);
    static final int MAX_ATTRIBUTES = 20;
    static final int MAX_VALUES = 50;
    /** Keycloak's attribute name and (short) value columns are 255 characters. */
    static final int MAX_LENGTH = 255;
    /** Ten years: longer than any sign-in history, and far from the millisecond overflow of a huge duration. */
    static final Duration LONGEST_INACTIVITY = Duration.ofDays(3660);

    /** Who the review is about: people from outside the city, the city's own people, or everyone. */
    public enum Subjects {
        GUESTS, MEMBERS, ALL;

        public String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What is known about one holder when filtering: attributes (only those the filter names need be present),
     * last authentication (null: never), account creation time and whether they are a guest.
     */
    public record Subject(Map<String, List<String>> attributes, Long lastAuthAt, long createdAt, boolean guest) {
    }

    public static ScopeFilters parse(DefinitionDocument.Filters doc) {
        if (doc == null) {
            return NONE;
        }
        Map<String, Set<String>> subject = attributes("subject_attributes", doc.subjectAttributes());
        Map<String, Set<String>> access = attributes("access_attributes", doc.accessAttributes());
        Duration inactive = doc.inactiveFor() == null ? null : inactivity(doc.inactiveFor());
        String min = null;
        if (doc.minSensitivity() != null) {
            min = doc.minSensitivity().trim();
            if (!Cadence.CLASSES.contains(min)) {
                throw bad("min_sensitivity", "is one of open, quasi-sensitive or sensitive, not '" + doc.minSensitivity() + "'");
            }
        }
        Subjects subjects = Subjects.ALL;
        if (doc.subjects() != null) {
            try {
                subjects = Subjects.valueOf(doc.subjects().trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad("subjects", "is one of guests, members or all, not '" + doc.subjects() + "'");
            }
        }
        return new ScopeFilters(subject, access, inactive, min, subjects);
    }

    /** Whether no filter is set: the walk then skips every lookup. */
    public boolean none() {
        return !filtersSubjects() && !filtersAccess();
    }

    public boolean filtersSubjects() {
        return !subjectAttributes.isEmpty() || inactiveFor != null || subjects != Subjects.ALL;
    }

    public boolean filtersAccess() {
        return !accessAttributes.isEmpty() || minSensitivity != null;
    }

    /** Whether guest status must be read for each holder. */
    public boolean needsGuests() {
        return subjects != Subjects.ALL;
    }

    /** Whether the holder passes every subject filter at {@code now}. */
    public boolean matchesSubject(Subject s, long now) {
        if (!matches(subjectAttributes, s.attributes())) {
            return false;
        }
        if (inactiveFor != null && !inactive(s.lastAuthAt(), s.createdAt(), now)) {
            return false;
        }
        return switch (subjects) {
            case ALL -> true;
            case GUESTS -> s.guest();
            case MEMBERS -> !s.guest();
        };
    }

    /**
     * Inactive for the period: the last sign-in is older than it, or there was none and the account was created
     * before it. Measured from the later of sign-in and creation, as the inactivity policy does, so an account
     * recreated with a stale tracker row is not called inactive.
     */
    boolean inactive(Long lastAuthAt, long createdAt, long now) {
        long reference = lastAuthAt == null ? createdAt : Math.max(lastAuthAt, createdAt);
        return reference < now - inactiveFor.toMillis();
    }

    /** Whether the granted thing passes the access filters: its attributes and the dataset class it reaches. */
    public boolean matchesAccess(Map<String, List<String>> attributes, String sensitivity) {
        return matches(accessAttributes, attributes) && atLeastMinSensitivity(sensitivity);
    }

    /** A grant reaching no known class counts as {@code open}, the lowest, as the review cadence counts it. */
    public boolean atLeastMinSensitivity(String sensitivity) {
        return minSensitivity == null || rank(sensitivity) >= rank(minSensitivity);
    }

    private static int rank(String sensitivity) {
        int i = sensitivity == null ? -1 : Cadence.CLASSES.indexOf(sensitivity);
        return i < 0 ? 0 : Cadence.CLASSES.size() - 1 - i;
    }

    private static boolean matches(Map<String, Set<String>> wanted, Map<String, List<String>> actual) {
        for (Map.Entry<String, Set<String>> e : wanted.entrySet()) {
            List<String> values = actual == null ? null : actual.get(e.getKey());
            if (values == null || values.stream().noneMatch(e.getValue()::contains)) {
                return false;
            }
        }
        return true;
    }

    /** The stored form: every attribute's values as a list, the period spelt as the server spells every duration (P90D as PT2160H). */
    public DefinitionDocument.Filters document() {
        if (none()) {
            return null;
        }
        return new DefinitionDocument.Filters(attributeDocument(subjectAttributes), attributeDocument(accessAttributes),
                inactiveFor == null ? null : inactiveFor.toString(), minSensitivity, subjects == Subjects.ALL ? null : subjects.code());
    }

    private static Map<String, Object> attributeDocument(Map<String, Set<String>> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        attributes.forEach((k, v) -> out.put(k, List.copyOf(v)));
        return out;
    }

    private static Map<String, Set<String>> attributes(String field, Map<String, Object> doc) {
        if (doc == null) {
            return Map.of();
        }
        if (doc.size() > MAX_ATTRIBUTES) {
            throw bad(field, "names more than " + MAX_ATTRIBUTES + " attributes");
        }
        Map<String, Set<String>> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            String name = e.getKey();
            if (name == null || name.isBlank() || name.length() > MAX_LENGTH) {
                throw bad(field, "has an attribute name that is blank or longer than " + MAX_LENGTH + " characters");
            }
            String label = field + "." + name;
            Collection<?> raw = e.getValue() instanceof Collection<?> c ? c : e.getValue() == null ? null : List.of(e.getValue());
            if (raw == null || raw.isEmpty()) {
                throw bad(label, "needs a value or a non-empty list of values");
            }
            if (raw.size() > MAX_VALUES) {
                throw bad(label, "lists more than " + MAX_VALUES + " values");
            }
            Set<String> values = new LinkedHashSet<>();
            for (Object v : raw) {
                if (!(v instanceof String s) || s.isEmpty() || s.length() > MAX_LENGTH) {
                    throw bad(label, "takes strings of 1 to " + MAX_LENGTH + " characters (or a list of them), not " + describe(v));
                }
                values.add(s);
            }
            out.put(name, Collections.unmodifiableSet(values));
        }
        return Collections.unmodifiableMap(out);
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return s.isEmpty() ? "an empty string" : "a string of " + s.length() + " characters";
        }
        return v instanceof Map<?, ?> ? "an object" : v instanceof Collection<?> ? "a list" : "'" + v + "'";
    }

    /**
     * An ISO-8601 duration in days or smaller units (P90D, PT12H), as every duration of the API; months and years
     * are refused because their length in days is not fixed.
     */
    private static Duration inactivity(String value) {
        Duration d;
        try {
            d = Duration.parse(value.trim());
        } catch (DateTimeException e) {
            throw bad("inactive_for", "is not an ISO-8601 period in days or smaller units such as P90D (months and years have no fixed"
                    + " length): '" + value + "'");
        }
        if (d.isNegative() || d.isZero()) {
            throw bad("inactive_for", "must be a positive period, not '" + value + "'");
        }
        if (d.compareTo(LONGEST_INACTIVITY) > 0) {
            throw bad("inactive_for", "is at most " + LONGEST_INACTIVITY.toDays() + " days, not '" + value + "'");
        }
        return d;
    }

    private static CityIamException bad(String field, String what) {
        return CityIamException.badRequest("invalid_filter", "scope.filters." + field + " " + what + ".");
    }
}
