package city.iam.lifecycle.rest;

import city.iam.kernel.info.StatelessFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/lifecycle}. */
public class LifecycleAdminResourceFactory implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider,
        StatelessFactory<AdminRealmResourceProvider> {

    public static final String ID = "lifecycle";

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new LifecycleAdminResource(session, realm, auth, adminEvent);
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
