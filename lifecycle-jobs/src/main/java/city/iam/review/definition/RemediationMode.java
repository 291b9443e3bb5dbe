package city.iam.review.definition;

/** AUTO removes revoked access at campaign close and verifies; MANUAL only reports what to remove. */
public enum RemediationMode {
    AUTO, MANUAL
}
