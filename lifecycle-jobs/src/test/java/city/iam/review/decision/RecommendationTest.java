package city.iam.review.decision;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecommendationTest {

    static final long NOW = Instant.parse("2026-12-01T12:00:00Z").toEpochMilli();
    static final long DAY = Duration.ofDays(1).toMillis();
    static final Duration LOOK_BACK = Duration.ofDays(30);

    @Test
    void anAccessRevokedBeforeAndHeldAgainIsDenied() {
        PriorReview prior = new PriorReview(NOW - 200 * DAY, "REVOKE", NOW - 100 * DAY);
        Recommendation r = Recommendation.of(NOW - DAY, NOW - 400 * DAY, false, null, prior, LOOK_BACK, NOW);
        assertEquals("DENY", r.verdict());
        assertTrue(r.reasons().contains("previously REVOKED on 2026-08-23 and held again"), r.reasons().toString());
        assertTrue(r.reasons().contains("grant held at least 200 days (in this review since 2026-05-15, Keycloak records no grant time)"),
                r.reasons().toString());
    }

    @Test
    void anAcceptedActiveGrantIsApprovedWithItsHistoryAndSensitivity() {
        PriorReview prior = PriorReview.NONE.withFirstSeen(NOW - 10 * DAY).withDecision("ACCEPT", NOW - 5 * DAY).withDecision("REVOKE", NOW - 9 * DAY);
        Recommendation r = Recommendation.of(NOW - DAY, NOW - 40 * DAY, true, "sensitive", prior, LOOK_BACK, NOW);
        assertEquals("APPROVE", r.verdict());
        assertEquals("signed in within the last 30 days; last decision ACCEPT on 2026-11-26; privileged access; reaches sensitive data;"
                + " account 40 days old; grant held at least 10 days (in this review since 2026-11-21, Keycloak records no grant time)", r.joinedReasons());
    }

    @Test
    void aGrantFirstSeenNowIsNewToTheReview() {
        Recommendation r = Recommendation.of(null, 0, false, null, PriorReview.NONE.withFirstSeen(NOW), LOOK_BACK, NOW);
        assertEquals("DENY", r.verdict());
        assertEquals("never signed in; grant new to this review (Keycloak records no grant time)", r.joinedReasons());
    }

    @Test
    void onlyAKeepingDecisionCertifiesAGrant() {
        assertEquals(NOW, new PriorReview(null, "ACCEPT", NOW).certifiedAt());
        assertEquals(NOW, new PriorReview(null, "EXCEPTION_UNTIL", NOW).certifiedAt());
        assertEquals(null, new PriorReview(null, "REVOKE", NOW).certifiedAt());
        assertEquals(null, PriorReview.NONE.certifiedAt());
    }
}
