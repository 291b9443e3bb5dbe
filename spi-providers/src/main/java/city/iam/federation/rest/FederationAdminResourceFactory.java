package city.iam.federation.rest;

import city.iam.federation.aggregate.AggregateRefreshJob;
import city.iam.kernel.job.JobRegistry;
import city.iam.kernel.rest.ModuleAdminResourceFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** {@code /admin/realms/{realm}/federation}; also registers the aggregate refresh job with the kernel. */
public class FederationAdminResourceFactory extends ModuleAdminResourceFactory {

    public static final String ID = "federation";

    public FederationAdminResourceFactory() {
        super(ID);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        JobRegistry.of(factory).register(new AggregateRefreshJob());
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new FederationAdminResource(session, realm, auth, adminEvent);
    }
}
