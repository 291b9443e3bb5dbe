package city.iam.dataset.jpa;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/** Deletes a realm's agreements and decision records with the realm, in the transaction that removes it. */
final class RealmCleanup implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmRemovedEvent removed) {
            EntityManager em = removed.getKeycloakSession().getProvider(JpaConnectionProvider.class).getEntityManager();
            String realmId = removed.getRealm().getId();
            em.createQuery("delete from AgreementKeyEntity k where k.realmId = :realmId").setParameter("realmId", realmId).executeUpdate();
            em.createQuery("delete from AgreementEntity a where a.realmId = :realmId").setParameter("realmId", realmId).executeUpdate();
            em.createQuery("delete from DecisionEntity d where d.realmId = :realmId").setParameter("realmId", realmId).executeUpdate();
        }
    }
}
