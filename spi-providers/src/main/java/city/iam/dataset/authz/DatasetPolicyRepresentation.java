package city.iam.dataset.authz;

import org.keycloak.representations.idm.authorization.AbstractPolicyRepresentation;

/** The {@code dataset} policy has no settings of its own: its rules are the attributes of each dataset. */
public class DatasetPolicyRepresentation extends AbstractPolicyRepresentation {

    @Override
    public String getType() {
        return DatasetPolicyProviderFactory.ID;
    }
}
