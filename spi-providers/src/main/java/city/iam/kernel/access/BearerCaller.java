package city.iam.kernel.access;

import city.iam.kernel.error.CityIamException;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.AdminRoles;
import org.keycloak.services.managers.AppAuthManager;
import org.keycloak.services.managers.AuthenticationManager.AuthResult;

/**
 * Authenticates the bearer token of a call to a realm endpoint ({@code /realms/{realm}/...}): signature,
 * expiry, issuer, an active session or a service account. Reviewer and device-facing endpoints use this.
 */
public final class BearerCaller {

    private BearerCaller() {
    }

    public static Caller authenticate(KeycloakSession session, RealmModel realm) {
        AuthResult result = new AppAuthManager.BearerTokenAuthenticator(session).setRealm(realm).authenticate();
        if (result == null || result.user() == null) {
            throw new CityIamException(401, "unauthorized", "A valid bearer token of realm " + realm.getName() + " is needed.");
        }
        return Caller.of(result.user(), realm, result.token());
    }

    public static Caller requireRealmAdmin(KeycloakSession session, RealmModel realm) {
        Caller caller = authenticate(session, realm);
        RoleModel admin;
        if (realm.getName().equals(Config.getAdminRealm())) {
            // The master realm has no realm-management client; its administrators hold the admin realm role.
            admin = realm.getRole(AdminRoles.ADMIN);
        } else {
            ClientModel management = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
            admin = management == null ? null : management.getRole(AdminRoles.REALM_ADMIN);
        }
        if (admin == null || !caller.user().hasRole(admin)) {
            throw CityIamException.forbidden("This needs the realm-admin role of realm " + realm.getName() + ".");
        }
        return caller;
    }
}
