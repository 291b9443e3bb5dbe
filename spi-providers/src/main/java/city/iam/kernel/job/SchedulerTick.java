package city.iam.kernel.job;

import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * The timer task: on every node the timer fires, but {@link ClusterProvider#executeIfNotExecuted} lets only
 * one node per interval do the tick (the role Keycloak's ClusterAwareScheduledTaskRunner plays for its own
 * tasks; that class is not in the SPI jars providers compile against).
 */
final class SchedulerTick implements Runnable {

    static final String TASK = "city-iam-job-tick";

    private final KeycloakSessionFactory factory;
    private final JobEngine engine;
    private final int intervalSeconds;

    SchedulerTick(KeycloakSessionFactory factory, JobEngine engine, int intervalSeconds) {
        this.factory = factory;
        this.engine = engine;
        this.intervalSeconds = intervalSeconds;
    }

    @Override
    public void run() {
        // Shorter than the interval so a node that ticks a little late is not locked out of the next window.
        int window = Math.max(1, intervalSeconds - 5);
        boolean[] won = new boolean[1];
        KeycloakModelUtils.runJobInTransaction(factory, session ->
                won[0] = session.getProvider(ClusterProvider.class).executeIfNotExecuted(TASK, window, () -> true).isExecuted());
        if (won[0]) {
            engine.tick();
        }
    }
}
