package city.iam.review.decision;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The advice shown with an item and used by TAKE_RECOMMENDATION: DENY when the holder has not signed in within
 * the look-back (or never did), or when the same access was revoked in an earlier review and is held again;
 * otherwise APPROVE. The reasons say why, and add context that does not change the verdict: privileged access,
 * the dataset class the access reaches, the account's age, how long the grant is known to be held (Keycloak
 * does not record when a grant was made, so its first appearance in this definition's campaigns is the best
 * lower bound) and the last decision on the same user × access. Reasons are stored joined by "; ", so no
 * reason contains one.
 */
public record Recommendation(String verdict, List<String> reasons) {

    public static final String APPROVE = "APPROVE";
    public static final String DENY = "DENY";
    static final Duration NEW_ACCOUNT = Duration.ofDays(30);
    private static final List<String> REMOVING = List.of(Decision.REVOKE.name(), Decision.REDUCE.name());

    public static Recommendation of(Long lastAuthAt, long accountCreatedAt, boolean privileged, Duration lookBack, long now) {
        return of(lastAuthAt, accountCreatedAt, privileged, null, null, lookBack, now);
    }

    /** {@code prior} null: history not read (the grant-age and prior-decision reasons are left out). */
    public static Recommendation of(Long lastAuthAt, long accountCreatedAt, boolean privileged, String sensitivity, PriorReview prior,
                                    Duration lookBack, long now) {
        List<String> reasons = new ArrayList<>();
        String verdict = APPROVE;
        long days = lookBack.toDays();
        if (lastAuthAt == null) {
            verdict = DENY;
            reasons.add("never signed in");
        } else if (now - lastAuthAt > lookBack.toMillis()) {
            verdict = DENY;
            reasons.add("no sign-in for " + Duration.ofMillis(now - lastAuthAt).toDays() + " days (look-back " + days + " days)");
        } else {
            reasons.add("signed in within the last " + days + " days");
        }
        if (prior != null && prior.lastDecision() != null && REMOVING.contains(prior.lastDecision())) {
            verdict = DENY;
            reasons.add("previously " + prior.lastDecision() + "D on " + day(prior.lastDecidedAt()) + " and held again");
        } else if (prior != null && prior.lastDecision() != null) {
            reasons.add("last decision " + prior.lastDecision() + " on " + day(prior.lastDecidedAt()));
        }
        if (privileged) {
            reasons.add("privileged access");
        }
        if (sensitivity != null) {
            reasons.add("reaches " + sensitivity + " data");
        }
        if (accountCreatedAt > 0 && now - accountCreatedAt < NEW_ACCOUNT.toMillis()) {
            reasons.add("account younger than 30 days");
        } else if (accountCreatedAt > 0) {
            reasons.add("account " + Duration.ofMillis(now - accountCreatedAt).toDays() + " days old");
        }
        if (prior != null) {
            reasons.add(prior.firstSeenAt() != null && prior.firstSeenAt() < now
                    ? "grant held at least " + Duration.ofMillis(now - prior.firstSeenAt()).toDays() + " days (in this review since "
                    + day(prior.firstSeenAt()) + ", Keycloak records no grant time)"
                    : "grant new to this review (Keycloak records no grant time)");
        }
        return new Recommendation(verdict, List.copyOf(reasons));
    }

    private static String day(long millis) {
        return Instant.ofEpochMilli(millis).truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10);
    }

    /** DENY, with {@code reason} ahead of this advice's own reasons (which stay as context). */
    public Recommendation deniedFirstFor(String reason) {
        List<String> all = new ArrayList<>();
        all.add(reason);
        all.addAll(reasons);
        return new Recommendation(DENY, List.copyOf(all));
    }

    public String joinedReasons() {
        return String.join("; ", reasons);
    }
}
