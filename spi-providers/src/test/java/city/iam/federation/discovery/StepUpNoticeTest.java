package city.iam.federation.discovery;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class StepUpNoticeTest {

    private static final Map<String, Integer> LOA = Map.of("low", 1, "substantial", 2, "high", 3);

    @Test
    void namesTheRequiredAndTheCurrentLevel() {
        StepUpNotice n = StepUpNotice.of(LOA, 3, 2).orElseThrow();
        assertEquals(StepUpNotice.WITH_CURRENT, n.messageKey());
        assertArrayEquals(new Object[]{"high", "substantial"}, n.arguments());
    }

    @Test
    void withoutAKnownCurrentLevelSaysOnlyWhatIsNeeded() {
        StepUpNotice n = StepUpNotice.of(LOA, 2, -1).orElseThrow();
        assertEquals(StepUpNotice.WITHOUT_CURRENT, n.messageKey());
        assertArrayEquals(new Object[]{"substantial"}, n.arguments());
    }

    @Test
    void noNoticeWithoutAHigherRequest() {
        assertEquals(Optional.empty(), StepUpNotice.of(LOA, -1, 2));
        assertEquals(Optional.empty(), StepUpNotice.of(LOA, 2, 2));
        assertEquals(Optional.empty(), StepUpNotice.of(LOA, 1, 3));
    }

    @Test
    void levelsWithoutANameShowTheNumber() {
        assertArrayEquals(new Object[]{"4", "high"}, StepUpNotice.of(LOA, 4, 3).orElseThrow().arguments());
    }
}
