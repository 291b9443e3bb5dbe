package city.iam.kernel.info;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;

import java.util.Map;

/**
 * For our factories that hold no state of their own: no-op lifecycle, and the suite version in the admin
 * console's server info. A factory overrides only what it really does.
 */
public interface StatelessFactory<T extends org.keycloak.provider.Provider> extends ProviderFactory<T>, ServerInfoAwareProviderFactory {

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }

    @Override
    default Map<String, String> getOperationalInfo() {
        return Versions.info();
    }
}
