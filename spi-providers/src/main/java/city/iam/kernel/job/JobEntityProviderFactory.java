package city.iam.kernel.job;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.timer.TimerProvider;

import java.time.Duration;
import java.util.List;

/**
 * Registers the runs table and owns the node's {@link JobEngine} and its timer. Not its own provider: Keycloak
 * closes providers with every session, and closing this factory stops the engine. The id names Liquibase's
 * tracking table (first ten letters): never rename.
 */
public class JobEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String ID = "cityiam-jobs";

    private static final JpaEntityProvider TABLES = new JpaEntityProvider() {
        @Override
        public List<Class<?>> getEntities() {
            return List.of(JobRunEntity.class);
        }

        @Override
        public String getChangelogLocation() {
            return "META-INF/cityiam-jobs-changelog.xml";
        }

        @Override
        public String getFactoryId() {
            return ID;
        }

        @Override
        public void close() {
        }
    };

    private final JobRegistry registry = new JobRegistry();
    private Duration tick;
    private Duration lease;
    private int threads;
    private JobEngine engine;

    JobEngine engine() {
        return engine;
    }

    JobRegistry registry() {
        return registry;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return TABLES;
    }

    @Override
    public void init(Config.Scope config) {
        tick = Duration.ofSeconds(config.getInt("tick-seconds", 300));
        lease = Duration.ofSeconds(config.getInt("lease-seconds", 300));
        threads = config.getInt("threads", 2);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        engine = new JobEngine(factory, registry, new Lease(lease), threads);
        KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(TimerProvider.class)
                .schedule(new SchedulerTick(factory, engine, (int) tick.toSeconds()), tick.toMillis(), SchedulerTick.TASK));
        factory.register(event -> {
            if (event instanceof RealmModel.RealmRemovedEvent removed) {
                new JobRuns(removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager(),
                        removed.getRealm().getId(), city.iam.kernel.time.KeycloakClock.INSTANCE).deleteRealm();
            }
        });
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.stop();
        }
    }
}
