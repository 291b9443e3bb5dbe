package city.iam.lifecycle.inactivity;

/** How far along the inactivity stages a user is, in order. */
public enum Stage {
    ACTIVE, WARNED, DISABLED, REMOVED;

    Stage next() {
        return this == REMOVED ? REMOVED : values()[ordinal() + 1];
    }
}
