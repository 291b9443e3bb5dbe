package city.iam.lifecycle.finding;

import city.iam.kernel.people.UserRef;
import org.keycloak.Config;
import org.keycloak.models.AdminRoles;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which roles and groups make a user privileged: roles marked {@code city-iam.privileged=true}, the realm's own
 * administration roles (master: {@code admin}), every composite that contains one, and every group (with its subgroups) that maps one.
 * Worked out once per batch so the user checks are two indexed queries rather than a role walk per user.
 */
record PrivilegedAccess(Set<String> roleIds, Set<String> groupIds) {

    private static final List<String> ADMIN_ROLES = List.of(AdminRoles.REALM_ADMIN, AdminRoles.MANAGE_USERS,
            AdminRoles.MANAGE_REALM, AdminRoles.MANAGE_CLIENTS, AdminRoles.MANAGE_AUTHORIZATION);

    static PrivilegedAccess of(KeycloakSession session, RealmModel realm) {
        List<RoleModel> roles = Stream.concat(realm.getRolesStream(), realm.getClientsStream().flatMap(ClientModel::getRolesStream)).toList();
        List<RoleModel> marked = roles.stream().filter(r -> "true".equals(r.getFirstAttribute(UserRef.PRIVILEGED)) || isAdminRole(realm, r)).toList();
        Set<String> roleIds = new HashSet<>();
        for (RoleModel role : roles) {
            if (marked.stream().anyMatch(m -> m.getId().equals(role.getId()) || role.hasRole(m))) {
                roleIds.add(role.getId());
            }
        }
        Set<String> groupIds = new HashSet<>();
        if (!roleIds.isEmpty()) {
            session.groups().getTopLevelGroupsStream(realm).forEach(g -> collect(g, false, roleIds, groupIds));
        }
        return new PrivilegedAccess(Set.copyOf(roleIds), Set.copyOf(groupIds));
    }

    /** The master realm's {@code admin} role, or another realm's own realm-management roles. */
    private static boolean isAdminRole(RealmModel realm, RoleModel role) {
        if (Config.getAdminRealm().equals(realm.getName())) {
            return !role.isClientRole() && AdminRoles.ADMIN.equals(role.getName());
        }
        if (!role.isClientRole() || !ADMIN_ROLES.contains(role.getName())) {
            return false;
        }
        ClientModel owner = realm.getClientById(role.getContainerId());
        return owner != null && Constants.REALM_MANAGEMENT_CLIENT_ID.equals(owner.getClientId());
    }

    /** A group is privileged when it or an ancestor maps a privileged role: members inherit down the tree. */
    private static void collect(GroupModel group, boolean inherited, Set<String> roleIds, Set<String> out) {
        boolean privileged = inherited || group.getRoleMappingsStream().anyMatch(r -> roleIds.contains(r.getId()));
        if (privileged) {
            out.add(group.getId());
        }
        group.getSubGroupsStream().forEach(g -> collect(g, privileged, roleIds, out));
    }

    boolean isEmpty() {
        return roleIds.isEmpty();
    }
}
