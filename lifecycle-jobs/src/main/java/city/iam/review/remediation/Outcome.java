package city.iam.review.remediation;

/**
 * What an item ends as. REVOKE and REDUCE are acted on by remediation (REDUCE then grants the narrower role);
 * EXCEPTION is revoked when its time is up.
 */
public enum Outcome {
    ACCEPTED, REVOKE, REDUCE, EXCEPTION, NO_CHANGE
}
