package city.iam.review.remediation;

import city.iam.review.jpa.ItemEntity;
import city.iam.review.definition.Organizations;
import city.iam.review.definition.ScopeType;
import org.keycloak.models.GroupModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.List;

/**
 * Re-reads a user's effective access after remediation and says whether the revoked access is really gone,
 * and if not, through what it is still held: a direct mapping, a composite role, a group (with its path) or a
 * group membership. This is what turns a silent failure (access inherited through a group) into a FAILED item
 * with a reason.
 */
final class AccessVerifier {

    private final KeycloakSession session;
    private final RealmModel realm;

    AccessVerifier(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /** Null when the access is gone; otherwise why it is still held. */
    String stillHeld(UserModel user, ItemEntity item) {
        ScopeType type = ScopeType.parse(item.getAccessType());
        if (type == ScopeType.ORGANIZATION) {
            OrganizationProvider orgs = Organizations.of(session, realm);
            OrganizationModel org = orgs == null ? null : orgs.getById(item.getAccessId());
            if (org == null || !orgs.isMember(org, user)) {
                return null;
            }
            return "still a member of organization " + org.getAlias()
                    + (orgs.isManagedMember(org, user) ? " (a managed member: disable the account or unlink its identity provider)" : "");
        }
        if (type == ScopeType.IDP_LINK) {
            return session.users().getFederatedIdentity(realm, user, item.getAccessName()) == null ? null
                    : "still linked to identity provider " + item.getAccessName();
        }
        if (type == ScopeType.ACCOUNT) {
            return new AccountRevocation(session, realm).stillActive(user);
        }
        if (Remediator.isRole(item)) {
            RoleModel role = realm.getRoleById(item.getAccessId());
            if (role == null || !user.hasRole(role)) {
                return null;
            }
            return "still granted " + roleHolders(user, role);
        }
        GroupModel group = session.groups().getGroupById(realm, item.getAccessId());
        if (group == null) {
            return null;
        }
        List<String> via = new ArrayList<>();
        user.getGroupsStream().forEach(g -> {
            for (GroupModel at = g; at != null; at = at.getParent()) {
                if (at.getId().equals(group.getId())) {
                    via.add(KeycloakModelUtils.buildGroupPath(g));
                    break;
                }
            }
        });
        return via.isEmpty() ? null : "still a member through " + String.join(", ", via);
    }

    private String roleHolders(UserModel user, RoleModel role) {
        List<String> via = new ArrayList<>();
        user.getRoleMappingsStream().forEach(r -> {
            if (r.equals(role)) {
                via.add("directly");
            } else if (r.hasRole(role)) {
                via.add("through composite role " + r.getName());
            }
        });
        user.getGroupsStream().forEach(g -> {
            for (GroupModel at = g; at != null; at = at.getParent()) {
                if (at.hasDirectRole(role) || at.getRoleMappingsStream().anyMatch(r -> r.hasRole(role))) {
                    via.add("through group " + KeycloakModelUtils.buildGroupPath(at));
                    break;
                }
            }
        });
        return via.isEmpty() ? "through a default role or another path" : String.join(", ", via);
    }
}
