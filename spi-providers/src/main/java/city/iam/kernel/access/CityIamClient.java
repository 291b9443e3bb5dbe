package city.iam.kernel.access;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

/**
 * The {@code city-iam} client that holds the module roles. It is a bearer-only style holder (no flows
 * enabled), created when a realm is created or when the suite first starts on an existing realm.
 */
public final class CityIamClient {

    public static final String CLIENT_ID = "city-iam";
    private static final Logger LOG = Logger.getLogger(CityIamClient.class);

    private CityIamClient() {
    }

    /** Creates the client and any missing role; leaves existing ones untouched. Idempotent. */
    public static ClientModel ensure(RealmModel realm) {
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        if (client == null) {
            client = realm.addClient(CLIENT_ID);
            client.setName("City IAM");
            client.setDescription("Holds the city-iam module roles");
            client.setEnabled(true);
            client.setPublicClient(false);
            client.setStandardFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setImplicitFlowEnabled(false);
            client.setServiceAccountsEnabled(false);
            client.setFullScopeAllowed(false);
            client.setProtocol("openid-connect");
            LOG.infof("created client %s in realm %s", CLIENT_ID, realm.getName());
        }
        for (ModuleRole role : ModuleRole.values()) {
            if (client.getRole(role.roleName()) == null) {
                RoleModel model = client.addRole(role.roleName());
                model.setDescription(role.description());
            }
        }
        return client;
    }

    /** The role model, or null when the realm has no city-iam client yet (nobody can hold it then). */
    public static RoleModel role(RealmModel realm, ModuleRole role) {
        ClientModel client = realm.getClientByClientId(CLIENT_ID);
        return client == null ? null : client.getRole(role.roleName());
    }
}
