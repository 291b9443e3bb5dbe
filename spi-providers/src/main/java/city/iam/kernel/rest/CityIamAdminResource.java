package city.iam.kernel.rest;

import city.iam.kernel.access.AdminCaller;
import jakarta.ws.rs.Path;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Root of the kernel's admin API; hands typed sub-resources down with the authenticated caller. */
public class CityIamAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    public CityIamAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
    }

    @Path("audit")
    public AuditResource audit() {
        return new AuditResource(session, realm, AdminCaller.of(auth));
    }
}
