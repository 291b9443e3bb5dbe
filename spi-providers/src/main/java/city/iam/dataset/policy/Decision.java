package city.iam.dataset.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of one dataset decision: permit or deny, the reason codes of every failed check, the
 * agreement relied on, and the full trace.
 *
 * @param requiredAcr the acr to ask for at step-up when {@link Reason#ASSURANCE_TOO_LOW} is among the reasons
 */
public record Decision(boolean permit, List<Reason> reasons, List<Check> trace, String agreementId, String requiredAcr,
                       int policyVersion) {

    public static Decision of(List<Check> trace, String agreementId, String requiredAcr, int policyVersion) {
        List<Reason> reasons = new ArrayList<>(2);
        for (Check c : trace) {
            if (!c.passed() && !reasons.contains(c.reason())) {
                reasons.add(c.reason());
            }
        }
        return new Decision(reasons.isEmpty(), List.copyOf(reasons), List.copyOf(trace), agreementId, requiredAcr, policyVersion);
    }

    /** A denial before any rule could run: unreadable dataset attributes, an unusable purpose. */
    public static Decision refused(Reason reason, String detail) {
        return of(List.of(Check.fail(reason == Reason.POLICY_MISCONFIGURED ? "configuration" : "request", reason, detail)), null, null, 0);
    }
}
