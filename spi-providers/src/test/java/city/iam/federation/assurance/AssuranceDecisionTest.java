package city.iam.federation.assurance;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AssuranceDecisionTest {

    private static final CityLevels CITY = new CityLevels(Map.of("low", 1, "substantial", 2, "high", 3));

    private static AssuranceDecision eidas() {
        return new AssuranceDecision(AcrPreset.EIDAS.table(), CITY, null);
    }

    @Test
    void eidasUrisMapToCityLevels() {
        AssuranceDecision.Outcome o = eidas().decide(Optional.of("http://eidas.europa.eu/LoA/substantial"));
        assertEquals("substantial", o.cityAcr());
        assertEquals(2, o.level());
        assertEquals("http://eidas.europa.eu/LoA/substantial", o.upstreamAcr());
        assertEquals(3, eidas().decide(Optional.of("http://eidas.europa.eu/LoA/high")).level());
    }

    @Test
    void franceConnectAndSpidPresets() {
        assertEquals(2, new AssuranceDecision(AcrPreset.FRANCECONNECT.table(), CITY, null).decide(Optional.of("eidas2")).level());
        assertEquals(3, new AssuranceDecision(AcrPreset.SPID.table(), CITY, null)
                .decide(Optional.of("https://www.spid.gov.it/SpidL3")).level());
    }

    @Test
    void unknownAcrIsRefused() {
        AssuranceDecision.Refused r = assertThrows(AssuranceDecision.Refused.class,
                () -> eidas().decide(Optional.of("http://eidas.europa.eu/LoA/HIGH")));
        assertEquals("city_acr_unknown", r.code());
        assertEquals("http://eidas.europa.eu/LoA/HIGH", r.upstreamAcr());
        // eidas0 is below any city level: not in the FranceConnect table on purpose.
        assertThrows(AssuranceDecision.Refused.class,
                () -> new AssuranceDecision(AcrPreset.FRANCECONNECT.table(), CITY, null).decide(Optional.of("eidas0")));
    }

    @Test
    void missingAcrIsRefusedUnlessConfigured() {
        assertEquals("city_acr_missing", assertThrows(AssuranceDecision.Refused.class, () -> eidas().decide(Optional.empty())).code());
        assertEquals("city_acr_missing", assertThrows(AssuranceDecision.Refused.class, () -> eidas().decide(Optional.of("  "))).code());
        AssuranceDecision lenient = new AssuranceDecision(AcrPreset.EIDAS.table(), CITY, "low");
        assertEquals(1, lenient.decide(Optional.empty()).level());
    }

    @Test
    void tableNamingAnUndefinedCityAcrIsRefused() {
        AcrTable table = AcrTable.of(Map.of("gold", "platinum"));
        AssuranceDecision.Refused r = assertThrows(AssuranceDecision.Refused.class,
                () -> new AssuranceDecision(table, CITY, null).decide(Optional.of("gold")));
        assertEquals("city_acr_unconfigured", r.code());
    }

    @Test
    void customEntriesOverrideThePresetAndNumbersAreLevels() {
        AcrTable table = AcrPreset.EIDAS.table().overriddenBy(AcrTable.of(Map.of(
                "http://eidas.europa.eu/LoA/substantial", "low", "urn:utility-a:mfa", "3")));
        AssuranceDecision d = new AssuranceDecision(table, CITY, null);
        assertEquals(1, d.decide(Optional.of("http://eidas.europa.eu/LoA/substantial")).level());
        assertEquals(3, d.decide(Optional.of("urn:utility-a:mfa")).level());
    }

    @Test
    void stepUpAsksForTheLowestSufficientUpstreamValue() {
        assertEquals(Optional.of("http://eidas.europa.eu/LoA/substantial"), eidas().upstreamFor(2));
        assertEquals(Optional.of("http://eidas.europa.eu/LoA/low"), eidas().upstreamFor(0));
        assertEquals(Optional.of("eidas3"), new AssuranceDecision(AcrPreset.FRANCECONNECT.table(), CITY, null).upstreamFor(3));
        assertTrue(eidas().upstreamFor(4).isEmpty());
    }

    @Test
    void badTablesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> AcrTable.of(Map.of("", "low")));
        assertThrows(IllegalArgumentException.class, () -> AcrTable.of(Map.of("x", " ")));
        assertThrows(IllegalArgumentException.class, () -> AcrTable.of(Map.of("x".repeat(600), "low")));
        assertThrows(IllegalArgumentException.class, () -> AssuranceConfig.custom("[1,2]"));
        assertThrows(IllegalArgumentException.class, () -> AssuranceConfig.custom("{\"a\": {\"b\": 1}}"));
        assertTrue(AcrPreset.byId("nope").isEmpty());
        assertEquals(Optional.of(AcrPreset.NONE), AcrPreset.byId(null));
    }
}
