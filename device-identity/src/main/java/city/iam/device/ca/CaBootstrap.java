package city.iam.device.ca;

import city.iam.kernel.time.KeycloakClock;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Gives each realm its device CA when the realm is created, and realms that predate the module one at
 * start-up, so that concurrent first requests never race to generate two.
 */
public class CaBootstrap implements ProviderEventListener {

    private final KeycloakSessionFactory factory;

    public CaBootstrap(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            ensure(created.getKeycloakSession(), created.getCreatedRealm());
        } else if (event instanceof PostMigrationEvent) {
            KeycloakModelUtils.runJobInTransaction(factory, s -> s.realms().getRealmsStream().forEach(r -> ensure(s, r)));
        }
    }

    private static void ensure(KeycloakSession session, RealmModel realm) {
        new DeviceCas(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realm.getId(), realm.getName(),
                KeycloakClock.INSTANCE, CaKeys.of(session, realm)).active();
    }
}
