package city.iam.review.remediation;

import city.iam.review.definition.NonResponse;
import city.iam.review.definition.ReviewDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StageOutcomeTest {

    static final ReviewDefinition.StageSpec ADVANCE_ALL = new ReviewDefinition.StageSpec("s", Duration.ofHours(1), "r", true, true);
    static final ReviewDefinition.StageSpec ADVANCE_NONE = new ReviewDefinition.StageSpec("s", Duration.ofHours(1), "r", false, false);

    @Test
    void aRevokeOrAnExceptionEndsTheReviewAtAnyStage() {
        StageOutcome revoke = StageOutcome.of("REVOKE", false, ADVANCE_ALL, NonResponse.NO_CHANGE, "APPROVE");
        assertEquals(Outcome.REVOKE, revoke.outcome());
        assertFalse(revoke.advance() || revoke.automatic());
        assertEquals(Outcome.EXCEPTION, StageOutcome.of("EXCEPTION_UNTIL", false, ADVANCE_ALL, NonResponse.REVOKE, "DENY").outcome());
    }

    @Test
    void acceptAndNoResponseMoveOnWhenTheStageSaysSo() {
        assertTrue(StageOutcome.of("ACCEPT", false, ADVANCE_ALL, NonResponse.REVOKE, "DENY").advance());
        assertTrue(StageOutcome.of(null, false, ADVANCE_ALL, NonResponse.REVOKE, "DENY").advance());
        assertTrue(StageOutcome.of("NOT_DECIDED", false, ADVANCE_ALL, NonResponse.REVOKE, "DENY").advance());
        assertEquals(Outcome.ACCEPTED, StageOutcome.of("ACCEPT", false, ADVANCE_NONE, NonResponse.REVOKE, "DENY").outcome());
        assertEquals(Outcome.REVOKE, StageOutcome.of(null, false, ADVANCE_NONE, NonResponse.REVOKE, "DENY").outcome());
    }

    @Test
    void theLastStageAppliesTheNonResponsePolicy() {
        assertEquals(Outcome.ACCEPTED, StageOutcome.of("ACCEPT", true, ADVANCE_ALL, NonResponse.REVOKE, "DENY").outcome());
        StageOutcome revoked = StageOutcome.of(null, true, ADVANCE_ALL, NonResponse.REVOKE, "APPROVE");
        assertEquals(Outcome.REVOKE, revoked.outcome());
        assertTrue(revoked.automatic());
        assertEquals("no response: revoked", revoked.reason());
        assertEquals(Outcome.NO_CHANGE, StageOutcome.of(null, true, ADVANCE_ALL, NonResponse.NO_CHANGE, "DENY").outcome());
        assertEquals(Outcome.ACCEPTED, StageOutcome.of("NOT_DECIDED", true, ADVANCE_ALL, NonResponse.ACCEPT, "DENY").outcome());
        assertEquals(Outcome.REVOKE, StageOutcome.of(null, true, ADVANCE_ALL, NonResponse.TAKE_RECOMMENDATION, "DENY").outcome());
        assertEquals(Outcome.ACCEPTED, StageOutcome.of(null, true, ADVANCE_ALL, NonResponse.TAKE_RECOMMENDATION, "APPROVE").outcome());
    }

    @Test
    void theBlastRadiusCapCountsOnlyAutomaticRevocations() {
        assertFalse(BlastRadius.exceeded(0, 10, 0));
        assertFalse(BlastRadius.exceeded(5, 10, 50));
        assertTrue(BlastRadius.exceeded(6, 10, 50));
        assertTrue(BlastRadius.exceeded(1, 10, 0));
        assertFalse(BlastRadius.exceeded(10, 10, 100));
    }
}
