package city.iam.review.campaign;

import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ItemIdsTest {

    @Test
    void idsAreVersion7AndAscendWithTheSequenceAsStrings() {
        ItemIds ids = new ItemIds(1_764_633_600_000L);
        String previous = ids.id(1);
        for (long seq : new long[]{2, 9, 10, 15, 16, 255, 256, 4095, 4096, 1_000_000, 500_000_000_000L}) {
            String next = ids.id(seq);
            assertTrue(next.compareTo(previous) > 0, previous + " then " + next);
            previous = next;
        }
        UUID u = UUID.fromString(ids.id(42));
        assertEquals(7, u.version());
        assertEquals(2, u.variant());
        assertEquals(1_764_633_600_000L, u.getMostSignificantBits() >>> 16);
    }

    @Test
    void twoLaunchesInTheSameMillisecondDoNotShareIds() {
        assertNotEquals(new ItemIds(1000).id(1), new ItemIds(1000).id(1));
    }

    @Test
    void aLaterLaunchSortsAfterAnEarlierOne() {
        assertTrue(new ItemIds(2000).id(1).compareTo(new ItemIds(1999).id(999_999)) > 0);
    }

    @Test
    void sequenceBeyondFortyBitsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ItemIds(1).id(1L << 40));
    }
}
