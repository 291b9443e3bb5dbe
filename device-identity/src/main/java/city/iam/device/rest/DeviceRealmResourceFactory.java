package city.iam.device.rest;

import city.iam.kernel.info.Versions;
import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

import java.util.Map;

/** {@code /realms/{realm}/device-identity}: what devices call (challenge, enrol, CA certificates, CRL, EST). */
public class DeviceRealmResourceFactory implements RealmResourceProviderFactory, ServerInfoAwareProviderFactory {

    public static final String ID = "device-identity";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new DeviceRealmResource(session, session.getContext().getRealm());
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Versions.info();
    }
}
