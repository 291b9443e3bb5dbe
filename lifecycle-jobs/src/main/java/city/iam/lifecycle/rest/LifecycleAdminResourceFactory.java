package city.iam.lifecycle.rest;

import city.iam.kernel.rest.ModuleAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/lifecycle}. */
public class LifecycleAdminResourceFactory extends ModuleAdminResourceFactory {

    public static final String ID = "lifecycle";

    public LifecycleAdminResourceFactory() {
        super(ID);
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new LifecycleAdminResource(session, realm, auth, adminEvent);
    }
}
