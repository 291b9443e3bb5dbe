package city.iam.lifecycle.inactivity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static city.iam.lifecycle.inactivity.Plan.Action.ANONYMISE;
import static city.iam.lifecycle.inactivity.Plan.Action.DELETE;
import static city.iam.lifecycle.inactivity.Plan.Action.DISABLE;
import static city.iam.lifecycle.inactivity.Plan.Action.EXCLUDED;
import static city.iam.lifecycle.inactivity.Plan.Action.NONE;
import static city.iam.lifecycle.inactivity.Plan.Action.RESET;
import static city.iam.lifecycle.inactivity.Plan.Action.WARN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StagePlannerTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long T0 = 1_800_000_000_000L;
    private static final InactivityPolicy S2 = InactivityPolicy.parse(
            new PolicyDocument("P60D", "P90D", "P180D", "delete", "P30D", List.of("break-glass"), null, null), 1);

    private static long day(double d) {
        return T0 + (long) (d * DAY);
    }

    private static UserFacts loggedIn(double createdDay, double lastAuthDay) {
        return new UserFacts(day(createdDay), day(lastAuthDay), false, false);
    }

    private static UserFacts never(double createdDay) {
        return new UserFacts(day(createdDay), null, false, false);
    }

    private static Plan plan(UserFacts u, StageState s, double nowDay) {
        return StagePlanner.plan(S2, u, s, day(nowDay));
    }

    @Test
    void activeUsersAreLeftAlone() {
        assertEquals(NONE, plan(loggedIn(0, 0), null, 59.9).action());
        assertFalse(plan(loggedIn(0, 0), null, 59.9).changes());
    }

    @Test
    void stagesAtTheirThresholds() {
        assertEquals(WARN, plan(loggedIn(0, 0), null, 60).action());
        StageState warned = new StageState(Stage.WARNED, day(0));
        assertEquals(NONE, plan(loggedIn(0, 0), warned, 89.9).action(), "never warned twice in one episode");
        assertEquals(DISABLE, plan(loggedIn(0, 0), warned, 90).action());
        StageState disabled = new StageState(Stage.DISABLED, day(0));
        assertEquals(NONE, plan(loggedIn(0, 0), disabled, 179).action());
        Plan delete = plan(loggedIn(0, 0), disabled, 180);
        assertEquals(DELETE, delete.action());
        assertEquals(Stage.REMOVED, delete.stage());
        assertEquals(day(0), delete.referenceAt());
        assertEquals(180 * DAY, delete.idleMillis());
    }

    @Test
    void anonymiseIsTheFinalActionWhenConfigured() {
        InactivityPolicy anonymise = InactivityPolicy.parse(new PolicyDocument("P60D", "P90D", "P180D", "anonymise", null, null, null, null), 1);
        assertEquals(ANONYMISE, StagePlanner.plan(anonymise, loggedIn(0, 0), new StageState(Stage.DISABLED, day(0)), day(200)).action());
        assertEquals(NONE, StagePlanner.plan(anonymise, loggedIn(0, 0), new StageState(Stage.REMOVED, day(0)), day(400)).action(),
                "an anonymised account stays a tombstone");
    }

    @Test
    void oneStagePerSweepEvenForLongIdleAccounts() {
        assertEquals(WARN, plan(loggedIn(0, 0), null, 400).action());
        assertEquals(DISABLE, plan(loggedIn(0, 0), new StageState(Stage.WARNED, day(0)), 400).action());
        assertEquals(DELETE, plan(loggedIn(0, 0), new StageState(Stage.DISABLED, day(0)), 400).action());
    }

    @Test
    void neverLoggedInUsersCountFromCreationAfterTheGrace() {
        InactivityPolicy longGrace = InactivityPolicy.parse(new PolicyDocument("P10D", "P20D", "P30D", "delete", "P15D", null, null, null), 1);
        assertEquals(NONE, StagePlanner.plan(longGrace, never(0), null, day(14)).action(), "within the grace nothing happens");
        assertEquals(WARN, StagePlanner.plan(longGrace, never(0), null, day(15)).action());
        assertEquals(WARN, plan(never(0), null, 61).action(), "S2: u2 warned at day 61");
        assertEquals(DISABLE, plan(never(0), new StageState(Stage.WARNED, day(0)), 91).action(), "S2: u2 disabled at day 91");
        assertEquals(DELETE, plan(never(0), new StageState(Stage.DISABLED, day(0)), 181).action(), "S2: u2 deleted at day 181");
    }

    @Test
    void aLoginResetsTheClock() {
        StageState warned = new StageState(Stage.WARNED, day(0));
        Plan p = plan(loggedIn(0, 61), warned, 91);
        assertEquals(RESET, p.action(), "S2: u4 logged in after the warning");
        assertEquals(Stage.ACTIVE, p.stage());
        assertTrue(p.changes());
        assertEquals(NONE, plan(loggedIn(0, 61), null, 91).action(), "after the reset nothing more happens");
        assertEquals(WARN, plan(loggedIn(0, 61), null, 121).action(), "a new episode warns again");
        assertEquals(WARN, plan(loggedIn(0, 61), warned, 121).action(), "an old episode's stage does not carry over");
    }

    @Test
    void serviceAccountsAndExemptUsersAreExcluded() {
        assertEquals(EXCLUDED, plan(new UserFacts(day(0), null, true, false), null, 500).action());
        assertEquals(EXCLUDED, plan(new UserFacts(day(0), day(0), false, true), null, 500).action());
        assertEquals(RESET, plan(new UserFacts(day(0), day(0), false, true), new StageState(Stage.WARNED, day(0)), 70).action(),
                "joining the break-glass group clears a stage already reached");
        assertFalse(plan(new UserFacts(day(0), null, true, false), null, 500).changes());
    }

    @Test
    void aLastAuthBeforeCreationCountsFromCreation() {
        // Imported users may carry older events; idle time never starts before the account existed.
        assertEquals(NONE, plan(new UserFacts(day(10), day(0), false, false), null, 65).action());
        assertEquals(WARN, plan(new UserFacts(day(10), day(0), false, false), null, 70).action());
    }
}
