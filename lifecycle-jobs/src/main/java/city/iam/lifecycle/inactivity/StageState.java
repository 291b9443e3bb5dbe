package city.iam.lifecycle.inactivity;

/**
 * The stage a user was last moved to and the idle episode it belongs to: {@code referenceAt} is the last
 * authentication (or creation) the stage was measured from. A later reference is a new episode.
 */
public record StageState(Stage stage, long referenceAt) {
}
