package city.iam.federation.assurance;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * One identity provider's vocabulary of assurance: each upstream {@code acr} value (an eIDAS LoA URI,
 * FranceConnect {@code eidas2}, a SPID level, a custom string) and the city acr it is worth. A value that is not
 * in the table is worth nothing: {@link #cityAcrOf} answers empty and the caller refuses the login, because an
 * IdP that changes its vocabulary must not silently land users on some default level (keycloak#25335, #173).
 * Lookups are exact (acr values are URIs or opaque tokens; case folding would merge distinct values).
 */
public final class AcrTable {

    /** Upstream values are short identifiers or URIs; anything longer is a configuration mistake. */
    static final int MAX_VALUE_LENGTH = 512;
    static final int MAX_ENTRIES = 64;

    private final Map<String, String> upstreamToCity;

    private AcrTable(Map<String, String> upstreamToCity) {
        this.upstreamToCity = Collections.unmodifiableMap(upstreamToCity);
    }

    public static AcrTable empty() {
        return new AcrTable(new LinkedHashMap<>());
    }

    /** A table from upstream acr → city acr entries; blank or oversized values are refused. */
    public static AcrTable of(Map<String, String> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("an acr table holds at most " + MAX_ENTRIES + " entries");
        }
        Map<String, String> copy = new LinkedHashMap<>();
        entries.forEach((upstream, city) -> copy.put(checked("upstream acr", upstream), checked("city acr", city)));
        return new AcrTable(copy);
    }

    private static String checked(String what, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        String v = value.trim();
        if (v.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException(what + " is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        return v;
    }

    /** This table with the other's entries added; the other wins on the same upstream value (custom over preset). */
    public AcrTable overriddenBy(AcrTable other) {
        Map<String, String> merged = new LinkedHashMap<>(upstreamToCity);
        merged.putAll(other.upstreamToCity);
        return of(merged);
    }

    public Optional<String> cityAcrOf(String upstreamAcr) {
        return upstreamAcr == null ? Optional.empty() : Optional.ofNullable(upstreamToCity.get(upstreamAcr.trim()));
    }

    /**
     * The upstream value to ask the IdP for so that the answer is worth at least {@code level}: the lowest
     * sufficient one, so step-up asks for no more than needed. Empty when the IdP cannot reach the level.
     */
    public Optional<String> upstreamFor(int level, ToIntFunction<String> levelOfCityAcr) {
        String best = null;
        int bestLevel = Integer.MAX_VALUE;
        for (Map.Entry<String, String> e : upstreamToCity.entrySet()) {
            int l = levelOfCityAcr.applyAsInt(e.getValue());
            if (l >= level && l < bestLevel) {
                best = e.getKey();
                bestLevel = l;
            }
        }
        return Optional.ofNullable(best);
    }

    public Map<String, String> entries() {
        return upstreamToCity;
    }

    public boolean isEmpty() {
        return upstreamToCity.isEmpty();
    }
}
