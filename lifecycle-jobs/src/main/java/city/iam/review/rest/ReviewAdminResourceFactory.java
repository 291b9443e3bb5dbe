package city.iam.review.rest;

import city.iam.kernel.rest.ModuleAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/access-reviews}. */
public class ReviewAdminResourceFactory extends ModuleAdminResourceFactory {

    public static final String ID = "access-reviews";

    public ReviewAdminResourceFactory() {
        super(ID);
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new ReviewAdminResource(session, realm, auth, adminEvent);
    }
}
