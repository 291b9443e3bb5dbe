package city.iam.kernel.rest;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/city-iam}: the kernel's admin API (audit log). */
public class CityIamAdminResourceFactory extends ModuleAdminResourceFactory {

    public static final String ID = "city-iam";

    public CityIamAdminResourceFactory() {
        super(ID);
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new CityIamAdminResource(session, realm, auth);
    }
}
