package city.iam.kernel.id;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersion7AndAscendAsStringsEvenWithinOneMillisecondOrWhenTheClockStepsBack() {
        List<String> ids = new ArrayList<>();
        long now = System.currentTimeMillis() + 10_000;
        for (int i = 0; i < 10_000; i++) {
            ids.add(TimeOrderedIds.next(now).toString());
        }
        ids.add(TimeOrderedIds.next(now - 5_000).toString());
        for (int i = 1; i < ids.size(); i++) {
            assertTrue(ids.get(i - 1).compareTo(ids.get(i)) < 0, ids.get(i - 1) + " then " + ids.get(i));
        }
        assertEquals(ids.size(), new HashSet<>(ids).size());
        UUID first = UUID.fromString(ids.get(0));
        assertEquals(7, first.version());
        assertEquals(2, first.variant());
        assertEquals(now, first.getMostSignificantBits() >>> 16, "milliseconds first");
        assertTrue(TimeOrderedIds.next().compareTo(ids.get(ids.size() - 1)) > 0, "never behind an id already given");
    }
}
