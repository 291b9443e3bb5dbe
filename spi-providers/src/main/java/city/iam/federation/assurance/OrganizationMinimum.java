package city.iam.federation.assurance;

import java.util.List;
import java.util.OptionalInt;

/**
 * B1: an organisation may demand a minimum level of assurance from every brokered login of its members (the
 * organisation attribute {@value #ATTRIBUTE}: a city acr name from the realm's {@code acr.loa.map}, or a level
 * number). A login through an IdP linked to that organisation whose mapped level is lower is refused, even
 * when the client asked for less: the organisation's rule is a floor for its people, not a client preference.
 * A minimum the realm does not define refuses too (fail closed), so a typo never silently lowers the bar.
 */
public final class OrganizationMinimum {

    public static final String ATTRIBUTE = "minimumAssurance";
    static final String BELOW = "city_acr_below_organization_minimum";

    private OrganizationMinimum() {
    }

    /** Throws {@link AssuranceDecision.Refused} unless {@code outcome} reaches every minimum in {@code values}. */
    public static void require(List<String> values, CityLevels levels, AssuranceDecision.Outcome outcome) {
        if (values == null) {
            return;
        }
        for (String value : values) {
            if (value == null || value.isBlank()) {
                continue;
            }
            OptionalInt required = levels.levelOf(value.trim());
            if (required.isEmpty()) {
                throw new AssuranceDecision.Refused("city_acr_unconfigured", outcome.upstreamAcr(),
                        "Your organisation's minimum level of assurance is not one the city defines; ask the administrator to fix it.");
            }
            if (outcome.level() < required.getAsInt()) {
                throw new AssuranceDecision.Refused(BELOW, outcome.upstreamAcr(),
                        "Your organisation requires a higher level of assurance than your identity provider confirmed for this login,"
                                + " so the city cannot accept it. Sign in at your identity provider with a stronger method.");
            }
        }
    }
}
