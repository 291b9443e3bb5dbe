package city.iam.lifecycle.account;

import city.iam.kernel.error.CityIamException;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

/**
 * What a temporary grant gives: a realm role, a client role or a group membership, resolved to Keycloak's model
 * so granting and removing go through Keycloak (caches, events, other nodes). Only the direct grant is ever
 * added or removed: access the user also holds another way is not touched.
 */
public sealed interface GrantTarget {

    String type();

    String id();

    String name();

    boolean heldDirectly(UserModel user);

    void grant(UserModel user);

    void revoke(UserModel user);

    record Role(RoleModel role, String name) implements GrantTarget {
        public String type() {
            return role.isClientRole() ? "client_role" : "realm_role";
        }

        public String id() {
            return role.getId();
        }

        public boolean heldDirectly(UserModel user) {
            return user.getRoleMappingsStream().anyMatch(r -> r.getId().equals(role.getId()));
        }

        public void grant(UserModel user) {
            user.grantRole(role);
        }

        public void revoke(UserModel user) {
            user.deleteRoleMapping(role);
        }
    }

    record Group(GroupModel group, String name) implements GrantTarget {
        public String type() {
            return "group";
        }

        public String id() {
            return group.getId();
        }

        public boolean heldDirectly(UserModel user) {
            return user.getGroupsStream().anyMatch(g -> g.getId().equals(group.getId()));
        }

        public void grant(UserModel user) {
            user.joinGroup(group);
        }

        public void revoke(UserModel user) {
            user.leaveGroup(group);
        }
    }

    /** From a request: exactly one of realm role, client + client role, or group path. */
    public static GrantTarget resolve(KeycloakSession session, RealmModel realm, String realmRole, String clientId, String clientRole, String groupPath) {
        int given = (realmRole != null ? 1 : 0) + (clientRole != null ? 1 : 0) + (groupPath != null ? 1 : 0);
        if (given != 1) {
            throw CityIamException.badRequest("invalid_target", "Give exactly one of realm_role, client_role (with client) or group.");
        }
        if (realmRole != null) {
            RoleModel role = realm.getRole(realmRole);
            if (role == null) {
                throw CityIamException.badRequest("unknown_role", "Realm " + realm.getName() + " has no role '" + realmRole + "'.");
            }
            return new Role(role, realmRole);
        }
        if (clientRole != null) {
            ClientModel client = clientId == null ? null : realm.getClientByClientId(clientId);
            if (client == null) {
                throw CityIamException.badRequest("unknown_client", "client names the client of client_role; '" + clientId + "' is not a client.");
            }
            RoleModel role = client.getRole(clientRole);
            if (role == null) {
                throw CityIamException.badRequest("unknown_role", "Client " + clientId + " has no role '" + clientRole + "'.");
            }
            return new Role(role, clientId + "/" + clientRole);
        }
        GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, groupPath);
        if (group == null) {
            throw CityIamException.badRequest("unknown_group", "Realm " + realm.getName() + " has no group '" + groupPath + "'.");
        }
        return new Group(group, groupPath);
    }

    /** The target of a stored grant; null when the role or group has since been deleted. */
    public static GrantTarget stored(KeycloakSession session, RealmModel realm, String type, String id, String name) {
        if (type.equals("group")) {
            GroupModel g = session.groups().getGroupById(realm, id);
            return g == null ? null : new Group(g, name);
        }
        RoleModel r = session.roles().getRoleById(realm, id);
        return r == null ? null : new Role(r, name);
    }
}
