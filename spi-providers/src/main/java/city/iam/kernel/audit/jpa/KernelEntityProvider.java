package city.iam.kernel.audit.jpa;

import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

import java.util.List;

public class KernelEntityProvider implements JpaEntityProvider {

    @Override
    public List<Class<?>> getEntities() {
        return List.of(AuditEntryEntity.class, AuditHeadEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/cityiam-kernel-changelog.xml";
    }

    @Override
    public String getFactoryId() {
        return KernelEntityProviderFactory.ID;
    }

    @Override
    public void close() {
    }
}
