package city.iam.device.rest;

import city.iam.kernel.info.StatelessFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;


/** {@code /realms/{realm}/device-identity}: what devices call (challenge, enrol, CA certificates, CRL, EST). */
public class DeviceRealmResourceFactory implements RealmResourceProviderFactory, StatelessFactory<RealmResourceProvider> {

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
    public String getId() {
        return ID;
    }

}
