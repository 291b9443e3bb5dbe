package city.iam.federation.assurance;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * Decides what a brokered login is worth: the upstream acr through the IdP's table to a city acr and its level.
 * Fails closed: a missing acr (unless the IdP is configured with an explicit level for that case), an acr not
 * in the table, or a table entry naming a city acr the realm does not define are all refusals.
 */
public final class AssuranceDecision {

    private final AcrTable table;
    private final CityLevels levels;
    private final String cityAcrWhenMissing;

    public AssuranceDecision(AcrTable table, CityLevels levels, String cityAcrWhenMissing) {
        this.table = table;
        this.levels = levels;
        this.cityAcrWhenMissing = cityAcrWhenMissing == null || cityAcrWhenMissing.isBlank() ? null : cityAcrWhenMissing.trim();
    }

    /** What the login is worth. */
    public record Outcome(String upstreamAcr, String cityAcr, int level) {
    }

    /** Why it is worth nothing; {@code code} is the event error and {@code description} the sentence shown. */
    public static final class Refused extends RuntimeException {
        private final String code;
        private final String upstreamAcr;

        public Refused(String code, String upstreamAcr, String description) {
            super(description);
            this.code = code;
            this.upstreamAcr = upstreamAcr;
        }

        public String code() {
            return code;
        }

        public String upstreamAcr() {
            return upstreamAcr;
        }
    }

    public Outcome decide(Optional<String> upstreamAcr) {
        String upstream = upstreamAcr.map(String::trim).filter(s -> !s.isEmpty()).orElse(null);
        String cityAcr;
        if (upstream == null) {
            if (cityAcrWhenMissing == null) {
                throw new Refused("city_acr_missing", null,
                        "The identity provider did not state a level of assurance, so the city cannot accept this login.");
            }
            cityAcr = cityAcrWhenMissing;
        } else {
            cityAcr = table.cityAcrOf(upstream).orElseThrow(() -> new Refused("city_acr_unknown", upstream,
                    "The identity provider stated a level of assurance the city does not recognise, so the city cannot accept this login."));
        }
        OptionalInt level = levels.levelOf(cityAcr);
        if (level.isEmpty()) {
            throw new Refused("city_acr_unconfigured", upstream,
                    "The city's assurance levels do not define the level this identity provider maps to; ask the administrator to fix the acr table.");
        }
        return new Outcome(upstream, cityAcr, level.getAsInt());
    }

    /**
     * The upstream acr to request from this IdP for a city level (step-up through the broker); empty when the IdP
     * cannot reach it.
     */
    public Optional<String> upstreamFor(int level) {
        return table.upstreamFor(level, levels::rank);
    }
}
