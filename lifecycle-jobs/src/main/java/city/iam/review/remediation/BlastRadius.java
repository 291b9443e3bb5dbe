package city.iam.review.remediation;

/**
 * The guard on revocations nobody decided: when more than the allowed share of a campaign's items would be
 * revoked by non-response, none of them is, since that many usually means the reviewers did not work (or
 * the scope was wrong), not that the access is unneeded.
 */
public final class BlastRadius {

    private BlastRadius() {
    }

    public static boolean exceeded(long automaticRevokes, long campaignItems, int maxPercent) {
        return automaticRevokes > 0 && automaticRevokes * 100 > campaignItems * (long) maxPercent;
    }
}
