package city.iam.device.rest;

import city.iam.kernel.rest.ModuleAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/device-identity}: anchors, the device CA, enrollment groups, devices. */
public class DeviceAdminResourceFactory extends ModuleAdminResourceFactory {

    public static final String ID = "device-identity";

    public DeviceAdminResourceFactory() {
        super(ID);
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new DeviceAdminResource(session, realm, auth, adminEvent);
    }
}
