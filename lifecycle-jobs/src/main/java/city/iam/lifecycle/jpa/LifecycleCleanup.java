package city.iam.lifecycle.jpa;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Removes a user's tracking rows with the user and a realm's rows with the realm, in the removing transaction.
 * Notices stay with the user (they are the tombstones) and go only with the realm; a client's attestation cadence
 * goes with the client.
 */
final class LifecycleCleanup implements ProviderEventListener {

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof UserModel.UserRemovedEvent removed) {
            EntityManager em = em(removed.getKeycloakSession());
            String userId = removed.getUser().getId();
            em.createQuery("delete from UserAuthEntity a where a.userId = :id").setParameter("id", userId).executeUpdate();
            em.createQuery("delete from ClientAuthEntity a where a.userId = :id").setParameter("id", userId).executeUpdate();
            em.createQuery("delete from InactivityStateEntity s where s.userId = :id").setParameter("id", userId).executeUpdate();
            em.createQuery("delete from BirthrightEntity b where b.userId = :id").setParameter("id", userId).executeUpdate();
            em.createQuery("delete from MoverStateEntity m where m.userId = :id").setParameter("id", userId).executeUpdate();
        } else if (event instanceof ClientModel.ClientRemovedEvent removed) {
            // The cadence state goes with the client; its attestations stay as history until the realm goes.
            em(removed.getKeycloakSession()).createQuery("delete from ClientOwnershipEntity o where o.clientUuid = :id")
                    .setParameter("id", removed.getClient().getId()).executeUpdate();
        } else if (event instanceof RealmModel.RealmRemovedEvent removed) {
            EntityManager em = em(removed.getKeycloakSession());
            String realmId = removed.getRealm().getId();
            for (String entity : new String[]{"UserAuthEntity", "ClientAuthEntity", "InactivityStateEntity", "NoticeEntity", "FindingEntity",
                    "TemporaryGrantEntity", "BirthrightEntity", "MoverStateEntity", "ReviewNoticeEntity", "ItemEntity", "CampaignEntity",
                    "ClientOwnershipEntity", "AttestationEntity", "ExtensionRequestEntity"}) {
                em.createQuery("delete from " + entity + " e where e.realmId = :realmId").setParameter("realmId", realmId).executeUpdate();
            }
        }
    }

    private static EntityManager em(KeycloakSession session) {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
