package city.iam.review.decision;

/**
 * What earlier campaigns say about one user × access. Keycloak records no time for a role mapping, a group
 * membership or an identity-provider link, so the grant's age is bounded from below by its first appearance in
 * a campaign of the same definition ({@code firstSeenAt}); {@code lastDecision} is the latest reviewer decision
 * on the same pair in any campaign of the realm, which also dates the last review for the cadence.
 * Null fields: nothing known.
 */
public record PriorReview(Long firstSeenAt, String lastDecision, Long lastDecidedAt) {

    public static final PriorReview NONE = new PriorReview(null, null, null);

    /**
     * When the grant was last certified: the last decision if it kept the access (ACCEPT or a time-boxed
     * exception). A REVOKE or REDUCE certified nothing, so a grant held again after one counts as never reviewed.
     */
    public Long certifiedAt() {
        return Decision.ACCEPT.name().equals(lastDecision) || Decision.EXCEPTION_UNTIL.name().equals(lastDecision) ? lastDecidedAt : null;
    }

    /** The latest of the two, or either alone. */
    public PriorReview withDecision(String decision, long decidedAt) {
        return lastDecidedAt != null && lastDecidedAt >= decidedAt ? this : new PriorReview(firstSeenAt, decision, decidedAt);
    }

    public PriorReview withFirstSeen(long at) {
        return firstSeenAt != null && firstSeenAt <= at ? this : new PriorReview(at, lastDecision, lastDecidedAt);
    }
}
