package city.iam.device.jpa;

import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/**
 * Registers the device registry's tables. Stateless, so it is its own factory. The id names Liquibase's
 * tracking table (first ten letters): never rename.
 */
public class DeviceEntityProvider implements JpaEntityProvider, JpaEntityProviderFactory {

    public static final String ID = "cityiam-devices";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(TrustAnchorEntity.class, DeviceCaEntity.class, EnrollmentGroupEntity.class,
                IndividualEnrollmentEntity.class, DeviceEntity.class, DeviceCertificateEntity.class, NonceEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/cityiam-devices-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return ID;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        factory.register(new city.iam.device.ca.CaBootstrap(factory));
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
    }
}
