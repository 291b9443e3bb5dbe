package city.iam.kernel.rest;

import city.iam.kernel.info.StatelessFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * A module's admin API root {@code /admin/realms/{realm}/<id>}: stateless, so the factory is its own provider
 * and only says which resource serves the request.
 */
public abstract class ModuleAdminResourceFactory implements AdminRealmResourceProviderFactory, AdminRealmResourceProvider,
        StatelessFactory<AdminRealmResourceProvider> {

    private final String id;

    protected ModuleAdminResourceFactory(String id) {
        this.id = id;
    }

    @Override
    public abstract Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth,
                                       AdminEventBuilder adminEvent);

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return id;
    }
}
