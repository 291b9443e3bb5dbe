package city.iam.kernel.access;

import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** The caller of an admin endpoint, as Keycloak's admin root already authenticated it. */
public final class AdminCaller {

    private AdminCaller() {
    }

    public static Caller of(AdminPermissionEvaluator auth) {
        AdminAuth admin = auth.adminAuth();
        return Caller.of(admin.getUser(), admin.getRealm(), admin.getToken());
    }
}
