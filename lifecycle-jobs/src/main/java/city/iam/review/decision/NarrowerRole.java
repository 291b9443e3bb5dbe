package city.iam.review.decision;

import city.iam.kernel.error.CityIamException;
import city.iam.review.definition.ScopeType;
import city.iam.review.jpa.ItemEntity;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * The role a REDUCE keeps: a realm role by name, or a client role as {@code clientId/role}, that the reviewed
 * access already grants — a role inside the reviewed composite, or a role the reviewed group gives — and is
 * not the reviewed role itself. Anything else would widen access under the name of reducing it.
 */
final class NarrowerRole {

    private NarrowerRole() {
    }

    static RoleModel resolve(KeycloakSession session, RealmModel realm, ItemEntity item, String name) {
        RoleModel target = role(realm, name);
        if (target == null) {
            throw CityIamException.badRequest("invalid_reduce_to", "reduce_to names no realm role or client/role of this realm: '" + name + "'.");
        }
        boolean inside;
        if (ScopeType.GROUP.code().equals(item.getAccessType())) {
            GroupModel group = session.groups().getGroupById(realm, item.getAccessId());
            inside = group != null && group.hasRole(target);
        } else {
            RoleModel reviewed = realm.getRoleById(item.getAccessId());
            inside = reviewed != null && !reviewed.equals(target) && reviewed.hasRole(target);
        }
        if (!inside) {
            throw CityIamException.badRequest("invalid_reduce_to", "'" + name + "' is not part of " + item.getAccessName()
                    + "; REDUCE keeps a narrower role the reviewed access already grants.");
        }
        return target;
    }

    static String describe(RoleModel role) {
        return role.isClientRole() ? ((ClientModel) role.getContainer()).getClientId() + "/" + role.getName() : role.getName();
    }

    private static RoleModel role(RealmModel realm, String name) {
        RoleModel realmRole = realm.getRole(name);
        if (realmRole != null) {
            return realmRole;
        }
        int slash = name.indexOf('/');
        if (slash <= 0 || slash == name.length() - 1) {
            return null;
        }
        ClientModel client = realm.getClientByClientId(name.substring(0, slash));
        return client == null ? null : client.getRole(name.substring(slash + 1));
    }
}
