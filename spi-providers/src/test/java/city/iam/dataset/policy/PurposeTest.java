package city.iam.dataset.policy;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PurposeTest {

    @Test
    void coversItselfAndNarrowerCodesOnly() {
        Purpose planning = Purpose.parse("planning");
        assertTrue(planning.covers(Purpose.parse("planning")));
        assertTrue(planning.covers(Purpose.parse("planning.energy.grid")));
        assertFalse(planning.covers(Purpose.parse("planning-energy")));
        assertFalse(planning.covers(Purpose.parse("planningx")));
        assertFalse(Purpose.parse("planning.energy").covers(planning));
    }

    @Test
    void refusesMalformedCodes() {
        for (String bad : new String[]{"", "Planning", "planning.", ".planning", "plan ning", "a.b.c.d.e.f.g", "x".repeat(41), null}) {
            assertThrows(CityIamException.class, () -> Purpose.parse(bad), String.valueOf(bad));
        }
    }
}
