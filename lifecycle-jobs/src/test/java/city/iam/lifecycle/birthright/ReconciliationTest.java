package city.iam.lifecycle.birthright;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReconciliationTest {

    private static final long NOW = 1_000_000L;

    @Test
    void aJoinerGetsWhatTheRulesGiveExceptWhatIsAlreadyHeldByHand() {
        Reconciliation r = Reconciliation.of(Set.of("g-water", "r-reader"), Set.of("r-reader"), Map.of(), NOW);
        assertEquals(List.of("g-water"), r.grant());
        assertFalse(r.isMove(false));
    }

    @Test
    void aMoverGetsNewAccessNowAndLosesOldAccessAfterTheGrace() {
        Map<String, Reconciliation.Held> held = Map.of("g-water", new Reconciliation.Held("g-water", null));
        Reconciliation moved = Reconciliation.of(Set.of("g-energy"), Set.of(), held, NOW);
        assertEquals(List.of("g-energy"), moved.grant());
        assertEquals(List.of("g-water"), moved.scheduleRemoval());
        assertTrue(moved.remove().isEmpty(), "not before the grace ends");
        assertTrue(moved.isMove(true));

        Map<String, Reconciliation.Held> later = Map.of("g-water", new Reconciliation.Held("g-water", NOW - 1),
                "g-energy", new Reconciliation.Held("g-energy", null));
        Reconciliation due = Reconciliation.of(Set.of("g-energy"), Set.of(), later, NOW);
        assertEquals(List.of("g-water"), due.remove());
        assertTrue(due.grant().isEmpty());
    }

    @Test
    void movingBackBeforeTheGraceEndsKeepsTheAccess() {
        Map<String, Reconciliation.Held> held = Map.of("g-water", new Reconciliation.Held("g-water", NOW + 5));
        Reconciliation back = Reconciliation.of(Set.of("g-water"), Set.of(), held, NOW);
        assertEquals(List.of("g-water"), back.cancelRemoval());
        assertTrue(back.remove().isEmpty());
    }

    @Test
    void nothingToDoIsNoChange() {
        Map<String, Reconciliation.Held> held = Map.of("g-water", new Reconciliation.Held("g-water", null));
        assertFalse(Reconciliation.of(Set.of("g-water"), Set.of(), held, NOW).changes());
    }
}
