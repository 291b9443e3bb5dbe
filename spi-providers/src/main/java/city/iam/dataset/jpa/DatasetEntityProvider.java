package city.iam.dataset.jpa;

import city.iam.dataset.agreement.AgreementCache;
import city.iam.dataset.audit.DecisionLog;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/**
 * Registers the dataset module's tables and owns the node-wide parts: the decision-audit writer, whose
 * thread must live as long as the server, and the agreement cache. The id names Liquibase's tracking table (first ten letters): never rename.
 */
public class DatasetEntityProvider implements JpaEntityProvider, JpaEntityProviderFactory {

    public static final String ID = "cityiam-datasets";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(AgreementEntity.class, AgreementKeyEntity.class, DecisionEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return "META-INF/cityiam-datasets-changelog.xml";
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

    private DecisionLog decisionLog;
    private final AgreementCache agreementCache = new AgreementCache();

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        decisionLog = new DecisionLog(factory);
        factory.register(new RealmCleanup());
    }

    public DecisionLog decisionLog() {
        return decisionLog;
    }

    /** The factory instance of this node, which owns the decision log and the agreement cache. */
    public static DatasetEntityProvider of(KeycloakSession session) {
        return (DatasetEntityProvider) session.getKeycloakSessionFactory().getProviderFactory(JpaEntityProvider.class, ID);
    }

    public AgreementCache agreementCache() {
        return agreementCache;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public void close() {
        if (decisionLog != null) {
            decisionLog.stop();
        }
    }
}
