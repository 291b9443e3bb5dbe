package city.iam.review.remediation;

import city.iam.review.decision.Decision;
import city.iam.review.decision.Recommendation;
import city.iam.review.definition.NonResponse;
import city.iam.review.definition.ReviewDefinition;

/**
 * What closing a stage does to one item. A REVOKE or an exception ends the review; an ACCEPT or no answer
 * moves the item on when the stage says so; at the last stage an unanswered item gets the non-response
 * policy. {@code automatic} marks revocations nobody decided, which the blast-radius cap may hold back.
 */
public record StageOutcome(boolean advance, Outcome outcome, String reason, boolean automatic) {

    static StageOutcome next() {
        return new StageOutcome(true, null, null, false);
    }

    static StageOutcome end(Outcome outcome, String reason, boolean automatic) {
        return new StageOutcome(false, outcome, reason, automatic);
    }

    public static StageOutcome of(String decision, boolean lastStage, ReviewDefinition.StageSpec stage, NonResponse nonResponse,
                                  String recommendation) {
        Decision d = decision == null ? null : Decision.valueOf(decision);
        if (d == Decision.REVOKE) {
            return end(Outcome.REVOKE, "revoked by reviewer", false);
        }
        if (d == Decision.REDUCE) {
            return end(Outcome.REDUCE, "reduced by reviewer", false);
        }
        if (d == Decision.EXCEPTION_UNTIL) {
            return end(Outcome.EXCEPTION, "exception granted by reviewer", false);
        }
        if (d == Decision.ACCEPT) {
            return !lastStage && stage.advanceOnAccept() ? next() : end(Outcome.ACCEPTED, "accepted by reviewer", false);
        }
        if (!lastStage && stage.advanceOnNoResponse()) {
            return next();
        }
        return switch (nonResponse) {
            case NO_CHANGE -> end(Outcome.NO_CHANGE, "no response: no change", false);
            case ACCEPT -> end(Outcome.ACCEPTED, "no response: accepted", true);
            case REVOKE -> end(Outcome.REVOKE, "no response: revoked", true);
            case TAKE_RECOMMENDATION -> Recommendation.DENY.equals(recommendation)
                    ? end(Outcome.REVOKE, "no response: recommendation DENY taken", true)
                    : end(Outcome.ACCEPTED, "no response: recommendation APPROVE taken", true);
        };
    }
}
