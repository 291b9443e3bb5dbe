package city.iam.review.campaign;

import city.iam.review.decision.PriorReview;
import city.iam.review.definition.Cadence;
import city.iam.review.definition.ScopeType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrantCertificationsTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long ACCEPTED = 100 * DAY;
    private static final Cadence CADENCE = Cadence.parse(Map.of("sensitive", "P90D", "open", "P365D"));
    private static final Grant HEALTH = new Grant("u1", "ann", 0, ScopeType.REALM_ROLE, "r1", "health-read", GrantKind.DIRECT, null,
            "direct", false, "sensitive");

    @Test
    void anAcceptDatesTheLastCertificationAndTheNextDueDate() {
        PriorReview accepted = new PriorReview(ACCEPTED, "ACCEPT", ACCEPTED);
        GrantCertifications.Entry e = GrantCertifications.Entry.of(HEALTH, accepted, CADENCE, ACCEPTED + 10 * DAY);
        assertEquals(Instant.ofEpochMilli(ACCEPTED).toString(), e.lastCertifiedAt());
        assertEquals(Instant.ofEpochMilli(ACCEPTED + 90 * DAY).toString(), e.certificationDueAt());
        assertFalse(e.due());
        assertTrue(GrantCertifications.Entry.of(HEALTH, accepted, CADENCE, ACCEPTED + 90 * DAY).due(), "due on the day");
    }

    @Test
    void aRevokeOrNoHistoryCertifiesNothing() {
        for (PriorReview p : new PriorReview[]{null, PriorReview.NONE, new PriorReview(ACCEPTED, "REVOKE", ACCEPTED)}) {
            GrantCertifications.Entry e = GrantCertifications.Entry.of(HEALTH, p, CADENCE, ACCEPTED);
            assertNull(e.lastCertifiedAt());
            assertNull(e.certificationDueAt());
            assertTrue(e.due());
        }
    }
}
