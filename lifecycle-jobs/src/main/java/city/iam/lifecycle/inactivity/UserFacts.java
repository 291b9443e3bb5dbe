package city.iam.lifecycle.inactivity;

/**
 * What the planner needs to know about a user: creation time, last successful authentication (null: never),
 * whether it is a service account (handled by the non-human identity rules, not here) and whether it is in an
 * exempt (break-glass) group.
 */
public record UserFacts(long createdAt, Long lastAuthAt, boolean serviceAccount, boolean exempt) {
}
