package city.iam.lifecycle.temporary;

import city.iam.kernel.people.UserRef;
import city.iam.lifecycle.jpa.TemporaryGrantEntity;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Who decides about a temporary grant: the person the {@code city-iam.owner} attribute names on the granted group
 * or role — for a client role without one, on its client — the same attribute resource-owner access reviews and
 * leaver notices go to. Null when nobody (or nobody enabled) is named, or the role or group is gone.
 */
final class GrantOwner {

    private GrantOwner() {
    }

    static UserModel of(KeycloakSession session, RealmModel realm, TemporaryGrantEntity g) {
        String ref;
        if ("group".equals(g.getTargetType())) {
            GroupModel group = session.groups().getGroupById(realm, g.getTargetId());
            ref = group == null ? null : group.getFirstAttribute(UserRef.OWNER);
        } else {
            RoleModel role = session.roles().getRoleById(realm, g.getTargetId());
            ref = role == null ? null : role.getFirstAttribute(UserRef.OWNER);
            if ((ref == null || ref.isBlank()) && role != null && role.isClientRole()) {
                ref = ((ClientModel) role.getContainer()).getAttribute(UserRef.OWNER);
            }
        }
        UserModel owner = UserRef.find(session, realm, ref);
        return owner == null || !owner.isEnabled() || owner.getServiceAccountClientLink() != null ? null : owner;
    }
}
