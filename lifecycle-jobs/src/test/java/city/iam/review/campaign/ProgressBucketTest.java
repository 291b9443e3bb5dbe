package city.iam.review.campaign;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProgressBucketTest {

    private static final long DAY = 86_400_000L;

    @Test
    void defaultIsHoursForYoungCampaignsAndDaysLater() {
        assertEquals(Progress.Bucket.HOUR, Progress.Bucket.parse(null, 0, 2 * DAY));
        assertEquals(Progress.Bucket.DAY, Progress.Bucket.parse("", 0, 2 * DAY + 1));
    }

    @Test
    void explicitBucketWins() {
        assertEquals(Progress.Bucket.DAY, Progress.Bucket.parse("P1D", 0, 1));
        assertEquals(Progress.Bucket.HOUR, Progress.Bucket.parse(" pt1h ", 0, 30 * DAY));
    }

    @Test
    void anythingElseIsABadRequest() {
        CityIamException e = assertThrows(CityIamException.class, () -> Progress.Bucket.parse("PT1M", 0, 1));
        assertEquals("invalid_bucket", e.error());
    }
}
