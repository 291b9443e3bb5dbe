package city.iam.kernel.access;

import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.representations.AccessToken;

import city.iam.kernel.error.CityIamException;

/**
 * Who is calling, named to the individual: the user (or service-account user) behind the token, the
 * realm that issued it, the client it was issued to and the token's authentication level.
 */
public record Caller(UserModel user, RealmModel realm, String clientId, String acr) {

    public static Caller of(UserModel user, RealmModel realm, AccessToken token) {
        return new Caller(user, realm, token == null ? null : token.getIssuedFor(), token == null ? null : token.getAcr());
    }

    public String id() {
        return user.getId();
    }

    public String name() {
        return user.getServiceAccountClientLink() != null ? "service-account:" + clientId : user.getUsername();
    }

    public boolean has(RealmModel target, ModuleRole role) {
        if (!realm.getId().equals(target.getId())) {
            return false;
        }
        RoleModel model = CityIamClient.role(target, role);
        return model != null && user.hasRole(model);
    }

    /** Refuses with 403 unless the caller holds one of the roles in the target realm. */
    public Caller require(RealmModel target, ModuleRole... anyOf) {
        for (ModuleRole role : anyOf) {
            if (has(target, role)) {
                return this;
            }
        }
        StringBuilder names = new StringBuilder();
        for (ModuleRole role : anyOf) {
            names.append(names.length() == 0 ? "" : " or ").append(role.roleName());
        }
        throw CityIamException.forbidden("This needs the " + names + " role of the " + CityIamClient.CLIENT_ID
                + " client in realm " + target.getName() + ".");
    }
}
