package city.iam.federation.assurance;

import java.util.Map;
import java.util.OptionalInt;

/**
 * The city's own acr names and their levels, as the realm (or client) {@code acr.loa.map} defines them, so the
 * level we store in the session comes back out of Keycloak's stock {@code acr} mapper as the same name.
 * A city acr may also be written as the bare level number.
 */
public final class CityLevels {

    private final Map<String, Integer> acrToLevel;

    public CityLevels(Map<String, Integer> acrToLevel) {
        this.acrToLevel = Map.copyOf(acrToLevel);
    }

    public OptionalInt levelOf(String cityAcr) {
        if (cityAcr == null) {
            return OptionalInt.empty();
        }
        Integer named = acrToLevel.get(cityAcr);
        if (named != null) {
            return OptionalInt.of(named);
        }
        try {
            int n = Integer.parseInt(cityAcr);
            return n >= 0 ? OptionalInt.of(n) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** For ranking: an unknown city acr ranks below every level, so it is never chosen as sufficient. */
    public int rank(String cityAcr) {
        return levelOf(cityAcr).orElse(Integer.MIN_VALUE);
    }
}
