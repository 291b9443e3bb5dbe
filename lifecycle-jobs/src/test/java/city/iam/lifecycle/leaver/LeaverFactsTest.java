package city.iam.lifecycle.leaver;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LeaverFactsTest {

    private static final LeaverSettings SETTINGS = new LeaverSettings(true, "valid_to", "hr_status", Set.of("left", "terminated"),
            true, true, Duration.ofHours(4), Duration.ofDays(30));
    private static final long NOW = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();

    @Test
    void anEndDateCountsFromTheEndOfThatDayUtc() {
        assertEquals(LeaverFacts.Step.NONE, new LeaverFacts("2026-12-01", null, null).step(SETTINGS, NOW), "still working today");
        assertEquals(LeaverFacts.Step.LEAVE, new LeaverFacts("2026-11-30", null, null).step(SETTINGS, NOW));
        assertEquals("end_date", new LeaverFacts("2026-11-30", null, null).reason(SETTINGS, NOW));
        assertEquals(LeaverFacts.Step.LEAVE, new LeaverFacts("2026-12-01T11:59:00Z", null, null).step(SETTINGS, NOW));
    }

    @Test
    void hrStatusIsMatchedWithoutCase() {
        assertEquals("hr_status", new LeaverFacts(null, " Terminated ", null).reason(SETTINGS, NOW));
        assertNull(new LeaverFacts(null, "active", null).reason(SETTINGS, NOW));
    }

    @Test
    void aLeaverIsAnonymisedAfterRetentionAndOnlyThen() {
        long leftAt = NOW - Duration.ofDays(29).toMillis();
        assertEquals(LeaverFacts.Step.NONE, new LeaverFacts("2026-10-01", null, leftAt).step(SETTINGS, NOW), "left already, retention running");
        assertEquals(LeaverFacts.Step.ANONYMISE, new LeaverFacts("2026-10-01", null, NOW - Duration.ofDays(30).toMillis()).step(SETTINGS, NOW));
        LeaverSettings keep = new LeaverSettings(true, "valid_to", "hr_status", Set.of("left"), true, true, Duration.ofHours(4), null);
        assertEquals(LeaverFacts.Step.NONE, new LeaverFacts("2026-10-01", null, 0L).step(keep, NOW), "no retention set: kept");
    }

    @Test
    void unreadableEndDatesAreReportedNotGuessed() {
        assertEquals(LeaverFacts.Step.UNREADABLE_END_DATE, new LeaverFacts("31/12/2026", null, null).step(SETTINGS, NOW));
        assertNull(new LeaverFacts("31/12/2026", null, null).endMillis());
    }

    @Test
    void theSlaRunsFromTheEndDate() {
        assertFalse(new LeaverFacts("2026-12-01T09:00:00Z", null, null).slaBreached(SETTINGS, NOW), "three hours late: within four");
        assertTrue(new LeaverFacts("2026-12-01T07:00:00Z", null, null).slaBreached(SETTINGS, NOW));
        assertFalse(new LeaverFacts(null, "left", null).slaBreached(SETTINGS, NOW), "no end date, no SLA clock");
    }
}
