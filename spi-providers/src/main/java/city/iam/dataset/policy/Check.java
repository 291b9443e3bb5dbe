package city.iam.dataset.policy;

/** One step of a decision: what was checked, whether it passed, and why not. */
public record Check(String name, boolean passed, Reason reason, String detail) {

    public static Check pass(String name, String detail) {
        return new Check(name, true, null, detail);
    }

    public static Check fail(String name, Reason reason, String detail) {
        return new Check(name, false, reason, detail);
    }
}
