package city.iam.kernel.audit.jpa;

import city.iam.kernel.access.CityIamClient;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Gives every realm what the suite needs before anyone calls it: the {@code city-iam} client with the module
 * roles and the head of its audit chain. New realms get them in the transaction that creates them (after an
 * import, so an imported {@code city-iam} client is kept); realms that existed before the jar was installed
 * get them once at start-up.
 */
public class RealmBootstrap implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(RealmBootstrap.class);

    private final KeycloakSessionFactory factory;

    public RealmBootstrap(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            prepare(created.getKeycloakSession(), created.getCreatedRealm());
        } else if (event instanceof PostMigrationEvent) {
            KeycloakModelUtils.runJobInTransaction(factory, session ->
                    session.realms().getRealmsStream().forEach(realm -> prepare(session, realm)));
        }
    }

    private static void prepare(KeycloakSession session, RealmModel realm) {
        CityIamClient.ensure(realm);
        city.iam.console.ConsoleClient.ensure(realm);
        AuditHeads.ensure(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realm.getId());
        LOG.debugf("realm %s ready for city-iam", realm.getName());
    }
}
