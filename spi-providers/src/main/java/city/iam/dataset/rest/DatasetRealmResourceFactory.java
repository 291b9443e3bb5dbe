package city.iam.dataset.rest;

import city.iam.kernel.info.StatelessFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** {@code /realms/{realm}/datasets}: the decision endpoint data platforms call. */
public class DatasetRealmResourceFactory implements RealmResourceProviderFactory, StatelessFactory<RealmResourceProvider> {

    public static final String ID = "datasets";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new DatasetRealmResource(session, session.getContext().getRealm());
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
