package city.iam.review.remediation;

/** What an item ends as. REVOKE is acted on by remediation; EXCEPTION is revoked when its time is up. */
public enum Outcome {
    ACCEPTED, REVOKE, EXCEPTION, NO_CHANGE
}
