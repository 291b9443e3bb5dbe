package city.iam.dataset.jpa;

import city.iam.dataset.agreement.AgreementCache;
import city.iam.dataset.audit.DecisionLog;
import city.iam.dataset.authz.RuleCache;
import org.keycloak.Config;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

import java.util.List;

/**
 * Registers the dataset module's tables and owns the node-wide parts: the decision-audit writer, whose
 * thread must live as long as the server, the agreement cache and the parsed-rule cache. The factory is not its own provider:
 * Keycloak closes providers with every session that used them, and closing this factory stops the writer.
 * The id names Liquibase's tracking table (first ten letters): never rename.
 */
public class DatasetEntityProvider implements JpaEntityProviderFactory {

    public static final String ID = "cityiam-datasets";

    private static final JpaEntityProvider TABLES = new JpaEntityProvider() {
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
        public void close() {
        }
    };

    private final AgreementCache agreementCache = new AgreementCache();
    private final RuleCache ruleCache = new RuleCache();
    private DecisionLog decisionLog;

    /** The factory instance of this node, which owns the decision log and the agreement cache. */
    public static DatasetEntityProvider of(KeycloakSession session) {
        return (DatasetEntityProvider) session.getKeycloakSessionFactory().getProviderFactory(JpaEntityProvider.class, ID);
    }

    public DecisionLog decisionLog() {
        return decisionLog;
    }

    public AgreementCache agreementCache() {
        return agreementCache;
    }

    public RuleCache ruleCache() {
        return ruleCache;
    }

    @Override
    public JpaEntityProvider create(KeycloakSession session) {
        return TABLES;
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        decisionLog = new DecisionLog(factory);
        factory.register(new RealmCleanup());
    }

    @Override
    public String getId() {
        return ID;
    }

    /** Server shutdown: the writer stores what is queued, then stops. */
    @Override
    public void close() {
        if (decisionLog != null) {
            decisionLog.stop();
        }
    }
}
