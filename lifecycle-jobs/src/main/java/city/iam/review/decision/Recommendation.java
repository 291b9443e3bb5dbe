package city.iam.review.decision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The advice shown with an item and used by TAKE_RECOMMENDATION: DENY when the holder has not signed in within
 * the look-back (or never did), otherwise APPROVE; the reasons say why, and add context (privileged access,
 * young or old accounts) without changing the verdict.
 */
public record Recommendation(String verdict, List<String> reasons) {

    public static final String APPROVE = "APPROVE";
    public static final String DENY = "DENY";
    static final Duration NEW_ACCOUNT = Duration.ofDays(30);

    public static Recommendation of(Long lastAuthAt, long accountCreatedAt, boolean privileged, Duration lookBack, long now) {
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
        if (privileged) {
            reasons.add("privileged access");
        }
        if (accountCreatedAt > 0 && now - accountCreatedAt < NEW_ACCOUNT.toMillis()) {
            reasons.add("account younger than 30 days");
        }
        return new Recommendation(verdict, List.copyOf(reasons));
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
