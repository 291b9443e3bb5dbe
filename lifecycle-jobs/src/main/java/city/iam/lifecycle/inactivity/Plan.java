package city.iam.lifecycle.inactivity;

/** What the sweep does for one user now. */
public record Plan(Action action, Stage stage, long referenceAt, long idleMillis) {

    public enum Action {
        /** Nothing to do. */
        NONE,
        /** Excluded from this policy (service account or exempt group). */
        EXCLUDED,
        /** A login after the last stage: the user is active again and their stage record is cleared. */
        RESET,
        WARN, DISABLE, DELETE, ANONYMISE
    }

    public boolean changes() {
        return action != Action.NONE && action != Action.EXCLUDED;
    }
}
