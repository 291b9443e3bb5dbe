package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CadenceTest {

    static final long DAY = Duration.ofDays(1).toMillis();
    static final long NOW = 1000 * DAY;

    static Cadence city() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("sensitive", "P90D");
        m.put("quasi-sensitive", "P180D");
        m.put("open", "P365D");
        m.put("privileged", "P90D");
        return Cadence.parse(m);
    }

    @Test
    void theShortestApplicablePeriodWins() {
        Cadence c = city();
        assertEquals(Duration.ofDays(90), c.periodFor("sensitive", false));
        assertEquals(Duration.ofDays(180), c.periodFor("quasi-sensitive", false));
        assertEquals(Duration.ofDays(365), c.periodFor(null, false), "no class counts as open");
        assertEquals(Duration.ofDays(90), c.periodFor("open", true), "privileged beats open");
        assertNull(Cadence.parse(Map.of("sensitive", "P90D")).periodFor("open", false));
    }

    @Test
    void aGrantIsDueWhenNeverReviewedOrReviewedLongerAgoThanItsPeriod() {
        Cadence c = city();
        assertTrue(c.due("sensitive", false, null, NOW));
        assertFalse(c.due("sensitive", false, NOW - 89 * DAY, NOW));
        assertTrue(c.due("sensitive", false, NOW - 91 * DAY, NOW));
        assertFalse(c.due("quasi-sensitive", false, NOW - 91 * DAY, NOW));
        assertTrue(c.due("quasi-sensitive", true, NOW - 91 * DAY, NOW));
        assertTrue(Cadence.ALWAYS.due("open", false, NOW - DAY, NOW));
        assertTrue(Cadence.parse(Map.of("sensitive", "P90D")).due("open", false, NOW - DAY, NOW), "no period: always due");
    }

    @Test
    void theNextDueDateIsTheLastCertificationPlusItsPeriod() {
        Cadence c = city();
        assertEquals(NOW + 90 * DAY, c.dueAt("sensitive", false, NOW));
        assertEquals(NOW + 90 * DAY, c.dueAt("open", true, NOW), "privileged shortens an open grant's year to 90 days");
        assertEquals(NOW + 365 * DAY, c.dueAt(null, false, NOW), "no sensitivity counts as open");
        assertNull(c.dueAt("sensitive", false, null), "never certified: due now");
        assertNull(Cadence.ALWAYS.dueAt("sensitive", false, NOW), "no cadence: due at every launch");
        Cadence sensitiveOnly = Cadence.parse(Map.of("sensitive", "P30D"));
        assertNull(sensitiveOnly.dueAt("open", false, NOW), "no period applies: always due");
    }

    @Test
    void highestClassAndStoredForm() {
        assertEquals("sensitive", Cadence.highest(List.of("open", "sensitive", "quasi-sensitive")));
        assertNull(Cadence.highest(List.of("secret")));
        assertEquals(List.of("sensitive", "quasi-sensitive", "open", "privileged"), List.copyOf(city().document().keySet()));
        assertNull(Cadence.ALWAYS.document());
        assertEquals("PT2160H", city().document().get("sensitive"));
    }

    @Test
    void badCadencesAreRefused() {
        assertEquals("invalid_cadence", assertThrows(CityIamException.class, () -> Cadence.parse(Map.of("secret", "P1D"))).error());
        assertEquals("invalid_duration", assertThrows(CityIamException.class, () -> Cadence.parse(Map.of("open", "-P1D"))).error());
        assertEquals("invalid_duration", assertThrows(CityIamException.class, () -> Cadence.parse(Map.of("open", "yearly"))).error());
    }
}
