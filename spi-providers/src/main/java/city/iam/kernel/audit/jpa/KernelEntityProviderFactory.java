package city.iam.kernel.audit.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Registers the kernel's tables. The id names Liquibase's tracking table (first ten letters): never rename.
 */
public class KernelEntityProviderFactory implements JpaEntityProviderFactory {

    public static final String ID = "cityiam-kernel";
    private static final KernelEntityProvider PROVIDER = new KernelEntityProvider();

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new RealmBootstrap(factory));
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
