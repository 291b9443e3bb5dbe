package city.iam.review.decision;

import city.iam.kernel.error.CityIamException;
import city.iam.review.definition.CommentPolicy;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;

/**
 * Checks a decision against the definition's comment policy before anything is stored: a comment where the
 * policy asks for one (and always when accepting against a DENY recommendation), a future, bounded
 * {@code until} for an exception, a person to reassign to.
 */
public final class DecisionRules {

    public static final int MAX_COMMENT = 2000;
    static final Duration LONGEST_EXCEPTION = Duration.ofDays(366);

    /** A decision ready to store. */
    public record Valid(Decision decision, String comment, Instant until, String reassignTo, String reduceTo) {
    }

    private DecisionRules() {
    }

    public static Valid check(DecisionRequest request, CommentPolicy policy, String recommendation, Instant now) {
        if (request == null) {
            throw CityIamException.badRequest("missing_body", "A decision is required.");
        }
        Decision decision = Decision.parse(request.decision());
        String comment = request.comment() == null || request.comment().isBlank() ? null : request.comment().trim();
        if (comment != null && comment.length() > MAX_COMMENT) {
            throw CityIamException.badRequest("comment_too_long", "A comment has at most " + MAX_COMMENT + " characters.");
        }
        boolean needsComment = switch (decision) {
            case ACCEPT -> policy == CommentPolicy.ALL || Recommendation.DENY.equals(recommendation);
            case REVOKE, REDUCE -> policy != CommentPolicy.NONE;
            case EXCEPTION_UNTIL, REASSIGN -> true;
            case NOT_DECIDED -> false;
        };
        if (needsComment && comment == null) {
            String why = decision == Decision.ACCEPT && policy != CommentPolicy.ALL
                    ? "Accepting against a DENY recommendation needs a comment."
                    : "The review's comment policy (" + policy + ") needs a comment for " + decision + ".";
            throw CityIamException.badRequest("comment_required", why);
        }
        Instant until = null;
        if (decision == Decision.EXCEPTION_UNTIL) {
            if (request.until() == null) {
                throw CityIamException.badRequest("missing_field", "EXCEPTION_UNTIL needs until, an ISO-8601 instant.");
            }
            try {
                until = Instant.parse(request.until());
            } catch (DateTimeException e) {
                throw CityIamException.badRequest("invalid_until", "until is not an ISO-8601 instant: '" + request.until() + "'.");
            }
            if (!until.isAfter(now) || until.isAfter(now.plus(LONGEST_EXCEPTION))) {
                throw CityIamException.badRequest("invalid_until", "until must be in the future and at most a year ahead.");
            }
        } else if (request.until() != null) {
            throw CityIamException.badRequest("invalid_until", "until belongs to EXCEPTION_UNTIL only.");
        }
        String reassignTo = null;
        if (decision == Decision.REASSIGN) {
            if (request.reassignTo() == null || request.reassignTo().isBlank()) {
                throw CityIamException.badRequest("missing_field", "REASSIGN needs reassign_to, a username.");
            }
            reassignTo = request.reassignTo().trim();
        }
        String reduceTo = null;
        if (decision == Decision.REDUCE) {
            if (request.reduceTo() == null || request.reduceTo().isBlank()) {
                throw CityIamException.badRequest("missing_field", "REDUCE needs reduce_to: a realm role, or client/role, that the reviewed access contains.");
            }
            reduceTo = request.reduceTo().trim();
        } else if (request.reduceTo() != null) {
            throw CityIamException.badRequest("invalid_reduce_to", "reduce_to belongs to REDUCE only.");
        }
        return new Valid(decision, comment, until, reassignTo, reduceTo);
    }
}
