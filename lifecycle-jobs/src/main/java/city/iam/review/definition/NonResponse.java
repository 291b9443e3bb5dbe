package city.iam.review.definition;

/** What an unanswered item becomes when its last stage closes. */
public enum NonResponse {
    NO_CHANGE, REVOKE, ACCEPT, TAKE_RECOMMENDATION
}
