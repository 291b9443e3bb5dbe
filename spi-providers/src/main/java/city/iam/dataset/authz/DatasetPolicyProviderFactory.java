package city.iam.dataset.authz;

import city.iam.kernel.info.StatelessFactory;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.policy.provider.PolicyProvider;
import org.keycloak.authorization.policy.provider.PolicyProviderFactory;
import org.keycloak.models.KeycloakSession;

/** Policy type {@code dataset}: judges a dataset resource by its own attributes (sensitivity, purposes, agreements...). */
public class DatasetPolicyProviderFactory implements PolicyProviderFactory<DatasetPolicyRepresentation>,
        StatelessFactory<PolicyProvider> {

    public static final String ID = "dataset";
    private static final DatasetPolicyProvider PROVIDER = new DatasetPolicyProvider();

    @Override
    public String getName() {
        return "Dataset (city-iam)";
    }

    @Override
    public String getGroup() {
        return "Others";
    }

    @Override
    public PolicyProvider create(AuthorizationProvider authorization) {
        return PROVIDER;
    }

    @Override
    public PolicyProvider create(KeycloakSession session) {
        return PROVIDER;
    }

    @Override
    public DatasetPolicyRepresentation toRepresentation(Policy policy, AuthorizationProvider authorization) {
        return new DatasetPolicyRepresentation();
    }

    @Override
    public Class<DatasetPolicyRepresentation> getRepresentationType() {
        return DatasetPolicyRepresentation.class;
    }

    @Override
    public String getId() {
        return ID;
    }
}
