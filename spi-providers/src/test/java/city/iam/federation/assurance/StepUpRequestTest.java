package city.iam.federation.assurance;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StepUpRequestTest {

    private static final CityLevels CITY = new CityLevels(Map.of("low", 1, "substantial", 2, "high", 3));

    private static AssuranceDecision table(AcrTable table) {
        return new AssuranceDecision(table, CITY, null);
    }

    @Test
    void lowestSufficientUpstreamValueIsRequested() {
        AssuranceDecision eidas = table(AcrPreset.EIDAS.table());
        assertEquals(Optional.of("http://eidas.europa.eu/LoA/high"), StepUpRequest.upstreamFor(eidas, "3", false));
        assertEquals(Optional.of("http://eidas.europa.eu/LoA/substantial"), StepUpRequest.upstreamFor(eidas, "2", true));
        assertEquals(Optional.of("http://eidas.europa.eu/LoA/low"), StepUpRequest.upstreamFor(eidas, "1", false));
        // Level 0 (an SSO re-use level) is reached by the lowest entry.
        assertEquals(Optional.of("http://eidas.europa.eu/LoA/low"), StepUpRequest.upstreamFor(eidas, "0", false));
    }

    @Test
    void customEntriesTakePartInTheChoice() {
        // A national "loa2" class ref worth substantial and eIDAS high: substantial asks for loa2, high for eIDAS high.
        AcrTable t = AcrPreset.EIDAS.table().overriddenBy(AcrTable.of(Map.of("http://ftn.ficora.fi/2017/loa2", "substantial")));
        assertEquals(Optional.of("http://eidas.europa.eu/LoA/substantial"), StepUpRequest.upstreamFor(table(t), "2", false));
        AcrTable onlyCustom = AcrTable.of(Map.of("urn:utility:pwd", "low", "urn:utility:mfa", "3"));
        assertEquals(Optional.of("urn:utility:mfa"), StepUpRequest.upstreamFor(table(onlyCustom), "2", false));
    }

    @Test
    void nothingIsRequestedWithoutARequestedLevel() {
        AssuranceDecision eidas = table(AcrPreset.EIDAS.table());
        assertEquals(Optional.empty(), StepUpRequest.upstreamFor(eidas, null, false));
        assertEquals(Optional.empty(), StepUpRequest.upstreamFor(eidas, " ", true));
        assertEquals(Optional.empty(), StepUpRequest.upstreamFor(eidas, "high", true)); // not a level number: Keycloak never sets that
    }

    @Test
    void unreachableLevelIsAnErrorOnlyWhenEssential() {
        AssuranceDecision upToSubstantial = table(AcrTable.of(Map.of("urn:a:pwd", "low", "urn:a:otp", "substantial")));
        assertEquals(Optional.empty(), StepUpRequest.upstreamFor(upToSubstantial, "3", false));
        AssuranceDecision.Refused r = assertThrows(AssuranceDecision.Refused.class,
                () -> StepUpRequest.upstreamFor(upToSubstantial, "3", true));
        assertEquals("city_acr_unreachable", r.code());
    }

    @Test
    void entriesNamingUndefinedCityAcrsAreNeverRequested() {
        AssuranceDecision t = table(AcrTable.of(Map.of("urn:a:gold", "platinum")));
        assertThrows(AssuranceDecision.Refused.class, () -> StepUpRequest.upstreamFor(t, "1", true));
        assertEquals(Optional.empty(), StepUpRequest.upstreamFor(t, "1", false));
    }

    @Test
    void requestedClassRefsAreKeycloaksJsonArray() {
        assertEquals("[\"http://eidas.europa.eu/LoA/high\"]", RequestedClassRefs.json("http://eidas.europa.eu/LoA/high"));
    }
}
