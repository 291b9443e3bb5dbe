package city.iam.kernel.job;

import org.keycloak.models.AbstractKeycloakTransaction;

/** Runs an action only once the surrounding transaction committed. */
final class AfterCommit extends AbstractKeycloakTransaction {

    private final Runnable action;

    AfterCommit(Runnable action) {
        this.action = action;
    }

    @Override
    protected void commitImpl() {
        action.run();
    }

    @Override
    protected void rollbackImpl() {
    }
}
