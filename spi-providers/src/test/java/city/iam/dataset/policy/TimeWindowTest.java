package city.iam.dataset.policy;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeWindowTest {

    @Test
    void followsTheZoneAcrossDaylightSaving() {
        TimeWindow w = TimeWindow.parse("Europe/Paris MON-FRI 07:00-19:00");
        assertTrue(w.contains(Instant.parse("2026-07-06T05:30:00Z")));   // 07:30 CEST, Monday
        assertFalse(w.contains(Instant.parse("2026-01-05T05:30:00Z")));  // 06:30 CET, Monday
        assertFalse(w.contains(Instant.parse("2026-07-04T10:00:00Z")));  // Saturday
        assertFalse(w.contains(Instant.parse("2026-07-06T17:00:00Z")));  // 19:00 exactly: end exclusive
    }

    @Test
    void overnightWindowBelongsToTheDayItStarts() {
        TimeWindow w = TimeWindow.parse("UTC FRI 22:00-02:00");
        assertTrue(w.contains(Instant.parse("2026-11-27T23:00:00Z")));   // Friday night
        assertTrue(w.contains(Instant.parse("2026-11-28T01:00:00Z")));   // Saturday early, from Friday
        assertFalse(w.contains(Instant.parse("2026-11-29T01:00:00Z")));  // Sunday early
    }

    @Test
    void daysAsListsAndRangesWrapping() {
        assertEquals("Europe/Helsinki MON,SAT,SUN 00:00-12:00", TimeWindow.parse("Europe/Helsinki SAT-MON 00:00-12:00").text());
        assertEquals(2, TimeWindow.parse("UTC MON,WED 08:00-09:00").days().size());
    }

    @Test
    void refusesAmbiguousOrBrokenWindows() {
        for (String bad : new String[]{"MON-FRI 07:00-19:00", "CET MON 07:00-08:00", "Europe/Nowhere MON 07:00-08:00",
                "UTC XYZ 07:00-08:00", "UTC MON 7-8", "UTC MON 07:00-07:00", "UTC MON-TUE-WED 07:00-08:00", "", null}) {
            CityIamException e = assertThrows(CityIamException.class, () -> TimeWindow.parse(bad), String.valueOf(bad));
            assertEquals("invalid_time_window", e.error());
        }
    }
}
