package city.iam.device.registry;

import city.iam.device.jpa.DeviceEntity;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.time.KeycloakClock;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * Puts a device in quarantine on a security signal. It commits in its own transaction: the request that
 * carried the signal is refused, and that refusal must not roll the quarantine back.
 */
public final class Quarantine {

    private Quarantine() {
    }

    public static void onSignal(KeycloakSession session, String realmId, String devicePk, String signal) {
        KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
            RealmModel realm = s.realms().getRealm(realmId);
            DeviceEntity device = s.getProvider(JpaConnectionProvider.class).getEntityManager().find(DeviceEntity.class, devicePk);
            if (realm == null || device == null || !device.getStatus().equals(DeviceStatus.ACTIVE.value())) {
                return;
            }
            device.setStatus(DeviceStatus.QUARANTINED.value());
            device.setStatusReason(signal);
            device.setUpdatedAt(KeycloakClock.INSTANCE.millis());
            ObjectNode facts = AuditRecord.facts();
            facts.put("signal", signal);
            facts.put("group", device.getGroupName());
            AuditLogs.of(s, realm).append(new AuditRecord(Actor.system("device-identity"), "device-identity.device.quarantined",
                    device.getDeviceId(), facts));
            FleetOwnerNotice.afterCommit(s, realm, device, "device-identity (automatic)");
        });
    }
}
