package city.iam.review.definition;

/** Which decisions need a comment. Accepting against a DENY recommendation always does. */
public enum CommentPolicy {
    ALL, REVOKE_ONLY, NONE
}
