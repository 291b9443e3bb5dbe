package city.iam.review.decision;

import city.iam.kernel.error.CityIamException;
import city.iam.review.definition.CommentPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecisionRulesTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    static DecisionRequest req(String decision, String comment, String until, String reassignTo) {
        return new DecisionRequest(decision, comment, until, reassignTo, null, null);
    }

    static String refused(DecisionRequest r, CommentPolicy policy, String recommendation) {
        return assertThrows(CityIamException.class, () -> DecisionRules.check(r, policy, recommendation, NOW)).error();
    }

    @Test
    void theCommentPolicyDecidesWhichDecisionsNeedAComment() {
        assertEquals("comment_required", refused(req("ACCEPT", null, null, null), CommentPolicy.ALL, "APPROVE"));
        assertEquals("comment_required", refused(req("REVOKE", "  ", null, null), CommentPolicy.REVOKE_ONLY, "APPROVE"));
        assertEquals(Decision.ACCEPT, DecisionRules.check(req("ACCEPT", null, null, null), CommentPolicy.REVOKE_ONLY, "APPROVE", NOW).decision());
        assertEquals(Decision.REVOKE, DecisionRules.check(req("REVOKE", null, null, null), CommentPolicy.NONE, "APPROVE", NOW).decision());
        assertEquals(Decision.NOT_DECIDED, DecisionRules.check(req("NOT_DECIDED", null, null, null), CommentPolicy.ALL, "DENY", NOW).decision());
    }

    @Test
    void acceptingAgainstADenyRecommendationAlwaysNeedsAComment() {
        assertEquals("comment_required", refused(req("ACCEPT", null, null, null), CommentPolicy.NONE, "DENY"));
        assertEquals("keeps the lights on",
                DecisionRules.check(req("ACCEPT", " keeps the lights on ", null, null), CommentPolicy.NONE, "DENY", NOW).comment());
    }

    @Test
    void aReductionNamesWhatItKeepsAndNothingElseDoes() {
        DecisionRequest reduce = new DecisionRequest("REDUCE", "reads only", null, null, " fin-viewer ", null);
        assertEquals("fin-viewer", DecisionRules.check(reduce, CommentPolicy.REVOKE_ONLY, "APPROVE", NOW).reduceTo());
        assertEquals("missing_field", refused(new DecisionRequest("REDUCE", "reads only", null, null, null, null), CommentPolicy.NONE, "APPROVE"));
        assertEquals("comment_required", refused(new DecisionRequest("REDUCE", null, null, null, "fin-viewer", null),
                CommentPolicy.REVOKE_ONLY, "APPROVE"));
        assertEquals("invalid_reduce_to", refused(new DecisionRequest("REVOKE", "x", null, null, "fin-viewer", null), CommentPolicy.NONE, "APPROVE"));
    }

    @Test
    void unknownAndMissingDecisionsAreRefused() {
        assertEquals("invalid_decision", refused(req("MAYBE", "x", null, null), CommentPolicy.NONE, "APPROVE"));
        assertEquals("invalid_decision", refused(req("accept", "x", null, null), CommentPolicy.NONE, "APPROVE"));
        assertEquals("missing_field", refused(req(null, "x", null, null), CommentPolicy.NONE, "APPROVE"));
        assertEquals("comment_too_long", refused(req("REVOKE", "x".repeat(2001), null, null), CommentPolicy.NONE, "APPROVE"));
    }

    @Test
    void anExceptionNeedsAFutureBoundedUntil() {
        String until = NOW.plus(Duration.ofDays(7)).toString();
        assertEquals(NOW.plus(Duration.ofDays(7)),
                DecisionRules.check(req("EXCEPTION_UNTIL", "audit season", until, null), CommentPolicy.NONE, "APPROVE", NOW).until());
        assertEquals("missing_field", refused(req("EXCEPTION_UNTIL", "x", null, null), CommentPolicy.NONE, "APPROVE"));
        assertEquals("invalid_until", refused(req("EXCEPTION_UNTIL", "x", "next week", null), CommentPolicy.NONE, "APPROVE"));
        assertEquals("invalid_until", refused(req("EXCEPTION_UNTIL", "x", NOW.minusSeconds(1).toString(), null), CommentPolicy.NONE, "APPROVE"));
        assertEquals("invalid_until", refused(req("EXCEPTION_UNTIL", "x", NOW.plus(Duration.ofDays(400)).toString(), null), CommentPolicy.NONE, "APPROVE"));
        assertEquals("invalid_until", refused(req("ACCEPT", "x", until, null), CommentPolicy.NONE, "APPROVE"));
        assertEquals("comment_required", refused(req("EXCEPTION_UNTIL", null, until, null), CommentPolicy.NONE, "APPROVE"));
    }

    @Test
    void reassigningNamesSomeone() {
        assertEquals("missing_field", refused(req("REASSIGN", "on leave", null, null), CommentPolicy.NONE, "APPROVE"));
        assertEquals("mgr2", DecisionRules.check(req("REASSIGN", "on leave", null, " mgr2 "), CommentPolicy.NONE, "APPROVE", NOW).reassignTo());
    }

    @Test
    void recommendationsDenyInactiveHoldersAndSayWhy() {
        long now = NOW.toEpochMilli();
        Duration lookBack = Duration.ofDays(30);
        Recommendation never = Recommendation.of(null, now - Duration.ofDays(400).toMillis(), true, lookBack, now);
        assertEquals("DENY", never.verdict());
        assertEquals(List.of("never signed in", "privileged access", "account 400 days old"), never.reasons());
        Recommendation idle = Recommendation.of(now - Duration.ofDays(45).toMillis(), 0, false, lookBack, now);
        assertEquals("DENY", idle.verdict());
        assertTrue(idle.reasons().get(0).startsWith("no sign-in for 45 days"), idle.reasons().toString());
        Recommendation active = Recommendation.of(now - Duration.ofDays(2).toMillis(), now - Duration.ofDays(3).toMillis(), false, lookBack, now);
        assertEquals("APPROVE", active.verdict());
        assertEquals(List.of("signed in within the last 30 days", "account younger than 30 days"), active.reasons());
    }
}
