package city.iam.lifecycle.inactivity;

/**
 * Decides the next inactivity step for a user. Idle time runs from the last successful authentication (or
 * from creation for a user who never logged in). Stages advance one per sweep, so nobody is disabled without
 * having been warned first, or removed without having been disabled, even when a policy is introduced over
 * long-idle accounts. A login after the recorded stage starts a new episode: the user is active again.
 */
public final class StagePlanner {

    private StagePlanner() {
    }

    public static Plan plan(InactivityPolicy policy, UserFacts user, StageState state, long now) {
        long reference = user.lastAuthAt() == null ? user.createdAt() : Math.max(user.lastAuthAt(), user.createdAt());
        long idle = Math.max(0, now - reference);
        boolean staged = state != null && state.stage() != Stage.ACTIVE;
        if (user.serviceAccount() || user.exempt()) {
            return new Plan(staged ? Plan.Action.RESET : Plan.Action.EXCLUDED, Stage.ACTIVE, reference, idle);
        }
        Stage target = target(policy, user, idle, now);
        Stage recorded = state != null && state.referenceAt() == reference ? state.stage() : Stage.ACTIVE;
        if (target.compareTo(recorded) <= 0) {
            boolean newEpisode = staged && recorded == Stage.ACTIVE;
            return new Plan(newEpisode ? Plan.Action.RESET : Plan.Action.NONE, recorded, reference, idle);
        }
        Stage next = recorded.next();
        return new Plan(action(next, policy), next, reference, idle);
    }

    private static Stage target(InactivityPolicy policy, UserFacts user, long idle, long now) {
        if (user.lastAuthAt() == null && now < user.createdAt() + policy.neverLoggedInGrace().toMillis()) {
            return Stage.ACTIVE;
        }
        if (idle >= policy.deleteAfter().toMillis()) {
            return Stage.REMOVED;
        }
        if (idle >= policy.disableAfter().toMillis()) {
            return Stage.DISABLED;
        }
        if (idle >= policy.warnAfter().toMillis()) {
            return Stage.WARNED;
        }
        return Stage.ACTIVE;
    }

    private static Plan.Action action(Stage stage, InactivityPolicy policy) {
        return switch (stage) {
            case WARNED -> Plan.Action.WARN;
            case DISABLED -> Plan.Action.DISABLE;
            case REMOVED -> policy.finalAction() == FinalAction.DELETE ? Plan.Action.DELETE : Plan.Action.ANONYMISE;
            case ACTIVE -> Plan.Action.NONE;
        };
    }
}
