package city.iam.dataset.rest;

import city.iam.kernel.rest.ModuleAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/datasets}. */
public class DatasetAdminResourceFactory extends ModuleAdminResourceFactory {

    public static final String ID = "datasets";

    public DatasetAdminResourceFactory() {
        super(ID);
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new DatasetAdminResource(session, realm, auth, adminEvent);
    }
}
