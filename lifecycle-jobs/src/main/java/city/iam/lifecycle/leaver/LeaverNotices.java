package city.iam.lifecycle.leaver;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.mail.AfterCommitMail;
import city.iam.kernel.mail.Mailer;
import city.iam.kernel.people.UserRef;
import city.iam.lifecycle.account.Notice;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The leaver's notices (LJ-34 "notify owners"): what the sweep is about to remove and who owns it is read
 * before the removal; the mails go out once the leaver's batch has committed (the commit that sets the
 * left-at mark, which no later run redoes, so a resumed run never mails again), and their outcomes are an
 * audit-chain entry {@value #ACTION} on the leaver, next to {@code lifecycle.leaver.left} in the timeline.
 */
final class LeaverNotices {

    static final String ACTION = "lifecycle.leaver.notified";

    private LeaverNotices() {
    }

    /** The leaver's direct groups and roles with their owners ({@code city-iam.owner}; a client role falls back to its client's). */
    static List<LeaverRecipients.Access> access(KeycloakSession session, RealmModel realm, UserModel user) {
        List<LeaverRecipients.Access> out = new ArrayList<>();
        user.getGroupsStream().forEach(g -> out.add(new LeaverRecipients.Access("group " + KeycloakModelUtils.buildGroupPath(g), owner(session, realm, g))));
        user.getRoleMappingsStream().forEach(r -> out.add(new LeaverRecipients.Access(label(r), owner(session, realm, r))));
        return out;
    }

    /** Mails each recipient after commit and records the outcomes; nothing when nobody is to be told. */
    static void afterCommit(KeycloakSession session, RealmModel realm, UserModel leaver, List<LeaverRecipients.Access> removed,
                            long leftAt, String runId) {
        UserModel manager = Notice.manager(session, realm, leaver);
        List<LeaverRecipients.Recipient> recipients = LeaverRecipients.plan(leaver.getId(), manager == null ? null : manager.getId(), removed);
        if (recipients.isEmpty()) {
            return;
        }
        String leaverId = leaver.getId();
        String leaverName = displayName(leaver);
        AfterCommitMail.enlist(session, realm, (s, r) -> {
            ObjectNode facts = AuditRecord.facts("run_id", runId);
            ArrayNode notices = facts.putArray("notices");
            for (LeaverRecipients.Recipient to : recipients) {
                UserModel user = s.users().getUserById(r, to.userId());
                String status = user == null ? Mailer.NO_USER : Notice.mail(s, r, user, Notice.Template.LEAVER_NOTICE, Map.of(
                        "leaver", leaverName, "asManager", to.manager(), "items", to.items(),
                        "leftAt", Mailer.utcMinute(leftAt),
                        "realmName", Notice.realmName(r)));
                ObjectNode n = notices.addObject();
                n.put("to", user == null ? to.userId() : user.getUsername());
                n.put("as", to.manager() ? "manager" : "owner");
                n.put("items", to.items().size());
                n.put("email", status);
            }
            AuditLogs.of(s, r).append(new AuditRecord(Actor.system(LeaverSweep.ACTOR), ACTION, leaverId, facts));
        });
    }

    private static String displayName(UserModel user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " " + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? user.getUsername() : name + " (" + user.getUsername() + ")";
    }

    private static String label(RoleModel role) {
        return role.isClientRole() ? "client role " + ((ClientModel) role.getContainer()).getClientId() + "/" + role.getName()
                : "role " + role.getName();
    }

    private static String owner(KeycloakSession session, RealmModel realm, GroupModel group) {
        return id(UserRef.find(session, realm, group.getFirstAttribute(UserRef.OWNER)));
    }

    private static String owner(KeycloakSession session, RealmModel realm, RoleModel role) {
        String ref = role.getFirstAttribute(UserRef.OWNER);
        if ((ref == null || ref.isBlank()) && role.isClientRole()) {
            ref = ((ClientModel) role.getContainer()).getAttribute(UserRef.OWNER);
        }
        return id(UserRef.find(session, realm, ref));
    }

    private static String id(UserModel user) {
        return user == null ? null : user.getId();
    }
}
