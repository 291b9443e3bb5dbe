package city.iam.device.registry;

import city.iam.device.group.EnrollmentGroup;
import city.iam.device.jpa.DeviceEntity;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.mail.AfterCommitMail;
import city.iam.kernel.mail.MailTemplate;
import city.iam.kernel.mail.Mailer;
import city.iam.kernel.people.UserRef;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Map;

/**
 * Tells a fleet's owner that one of its devices was quarantined or revoked (by an administrator, a signal
 * writer or automatically). The owner is whom the group's fleet client names in {@code city-iam.owner} (a
 * username or user id; the group's {@code owner} sets it), the convention lifecycle already uses for every
 * client's owner. The mail goes once the status change has committed, never from a rolled-back one, and its
 * outcome is an audit entry {@value #ACTION} on the device. No owner, no mail.
 */
public final class FleetOwnerNotice {

    static final String ACTION = "device-identity.device.owner-notified";

    private enum Template implements MailTemplate {
        DEVICE_STATUS;

        @Override
        public String file() {
            return "city-iam-device-status";
        }

        @Override
        public String subjectKey() {
            return "cityIamDeviceStatusSubject";
        }
    }

    private FleetOwnerNotice() {
    }

    /** After the change commits: mails the owner about the device's new status, reason and who changed it. */
    public static void afterCommit(KeycloakSession session, RealmModel realm, DeviceEntity device, String actor) {
        ClientModel fleet = realm.getClientByClientId(EnrollmentGroup.fleetClientId(device.getGroupName()));
        String owner = fleet == null ? null : fleet.getAttribute(UserRef.OWNER);
        if (owner == null || owner.isBlank()) {
            return;
        }
        Map<String, Object> facts = Map.of("deviceId", device.getDeviceId(), "group", device.getGroupName(), "status", device.getStatus(),
                "reason", device.getStatusReason() == null ? "" : device.getStatusReason(), "actor", actor,
                "at", Mailer.utcMinute(device.getUpdatedAt()));
        AfterCommitMail.enlist(session, realm, (s, r) -> {
            UserModel to = UserRef.find(s, r, owner);
            String email = to == null ? Mailer.NO_USER : Mailer.send(s, r, to, Template.DEVICE_STATUS,
                    Map.of("realmName", Mailer.realmName(r), "device", facts));
            ObjectNode record = AuditRecord.facts("to", to == null ? owner : to.getUsername(), "status", (String) facts.get("status"),
                    "email", email);
            AuditLogs.of(s, r).append(new AuditRecord(Actor.system("device-identity"), ACTION, (String) facts.get("deviceId"), record));
        });
    }
}
