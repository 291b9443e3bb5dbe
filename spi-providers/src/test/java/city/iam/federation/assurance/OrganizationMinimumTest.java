package city.iam.federation.assurance;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OrganizationMinimumTest {

    private static final CityLevels CITY = new CityLevels(Map.of("low", 1, "substantial", 2, "high", 3));
    private static final AssuranceDecision.Outcome SUBSTANTIAL = new AssuranceDecision.Outcome("http://eidas.europa.eu/LoA/substantial", "substantial", 2);

    @Test
    void levelAtOrAboveTheMinimumIsAccepted() {
        assertDoesNotThrow(() -> OrganizationMinimum.require(List.of("substantial"), CITY, SUBSTANTIAL));
        assertDoesNotThrow(() -> OrganizationMinimum.require(List.of("low"), CITY, SUBSTANTIAL));
        assertDoesNotThrow(() -> OrganizationMinimum.require(List.of("2"), CITY, SUBSTANTIAL));
    }

    @Test
    void levelBelowTheMinimumIsRefusedWithTheUpstreamAcr() {
        AssuranceDecision.Refused r = assertThrows(AssuranceDecision.Refused.class,
                () -> OrganizationMinimum.require(List.of("high"), CITY, SUBSTANTIAL));
        assertEquals("city_acr_below_organization_minimum", r.code());
        assertEquals("http://eidas.europa.eu/LoA/substantial", r.upstreamAcr());
        assertThrows(AssuranceDecision.Refused.class, () -> OrganizationMinimum.require(List.of(" 3 "), CITY, SUBSTANTIAL));
    }

    @Test
    void theStrictestOfSeveralValuesCounts() {
        assertThrows(AssuranceDecision.Refused.class, () -> OrganizationMinimum.require(List.of("low", "high"), CITY, SUBSTANTIAL));
    }

    @Test
    void noMinimumMeansNoFloor() {
        assertDoesNotThrow(() -> OrganizationMinimum.require(null, CITY, SUBSTANTIAL));
        assertDoesNotThrow(() -> OrganizationMinimum.require(List.of(), CITY, SUBSTANTIAL));
        assertDoesNotThrow(() -> OrganizationMinimum.require(Arrays.asList(" ", null), CITY, SUBSTANTIAL));
    }

    @Test
    void aMinimumTheRealmDoesNotDefineFailsClosed() {
        assertEquals("city_acr_unconfigured", assertThrows(AssuranceDecision.Refused.class,
                () -> OrganizationMinimum.require(List.of("gold"), CITY, SUBSTANTIAL)).code());
        assertEquals("city_acr_unconfigured", assertThrows(AssuranceDecision.Refused.class,
                () -> OrganizationMinimum.require(List.of("-1"), CITY, SUBSTANTIAL)).code());
    }
}
