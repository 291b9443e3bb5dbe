package city.iam.dataset.authz;

import city.iam.dataset.policy.AssuranceLevels;
import city.iam.dataset.policy.Purpose;
import city.iam.dataset.policy.Subject;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.representations.AccessToken;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds the decision's {@link Subject} from what the server holds now: organisation membership, account
 * type and client registration are read from the model, not trusted from token claims, so removing a member
 * or unmarking a client takes effect at the next decision. The token contributes only what it proves:
 * acr, the client it was issued to, its binding and the device it belongs to.
 */
public final class SubjectResolver {

    /** User attribute: {@code personal} (default) or {@code shared}, {@code role}, {@code service}. */
    public static final String ACCOUNT_TYPE = "city-iam.account-type";
    /** Client attribute: {@code true} when the client runs inside the city's trusted environment. */
    public static final String TRUSTED_ENVIRONMENT = "city-iam.trusted-environment";
    /** Client attribute: comma-separated purposes the client is registered for. */
    public static final String CLIENT_PURPOSES = "city-iam.purposes";
    /** Client attribute: the organisation alias a service account acts for. */
    public static final String CLIENT_ORGANIZATION = "city-iam.organization";
    /** Organisation attribute naming its stakeholder type (research B1). */
    public static final String STAKEHOLDER_TYPE = "stakeholderType";

    private SubjectResolver() {
    }

    public static Subject resolve(KeycloakSession session, RealmModel realm, UserModel user, AccessToken token) {
        ClientModel client = token.getIssuedFor() == null ? null : realm.getClientByClientId(token.getIssuedFor());
        Object device = token.getOtherClaims().get("device_id");
        String deviceId = device instanceof String s ? s : null;
        boolean serviceAccount = user.getServiceAccountClientLink() != null;
        boolean individual = serviceAccount ? deviceId != null : personal(user);
        Set<String> orgs = new HashSet<>();
        Set<String> types = new HashSet<>();
        organizations(session, realm, user, serviceAccount ? realm.getClientById(user.getServiceAccountClientLink()) : null, orgs, types);
        AssuranceLevels levels = DatasetDecisions.assurance(session, realm);
        AccessToken.Confirmation cnf = token.getConfirmation();
        boolean bound = cnf != null && (cnf.getCertThumbprint() != null || cnf.getKeyThumbprint() != null);
        String name = serviceAccount ? "service-account:" + token.getIssuedFor() : user.getUsername();
        return new Subject(user.getId(), name, individual, orgs, types, token.getAcr(), levels.levelOf(token.getAcr()),
                token.getIssuedFor(), trustedEnvironment(client),
                purposes(client), bound, deviceId);
    }

    private static boolean personal(UserModel user) {
        String type = user.getFirstAttribute(ACCOUNT_TYPE);
        return type == null || "personal".equals(type);
    }

    private static void organizations(KeycloakSession session, RealmModel realm, UserModel user, ClientModel serviceClient,
                                      Set<String> orgs, Set<String> types) {
        if (!realm.isOrganizationsEnabled()) {
            return;
        }
        OrganizationProvider provider = session.getProvider(OrganizationProvider.class);
        if (provider == null) {
            return;
        }
        if (serviceClient != null) {
            String alias = serviceClient.getAttribute(CLIENT_ORGANIZATION);
            OrganizationModel org = alias == null ? null : provider.getByAlias(alias);
            if (org != null && org.isEnabled()) {
                add(org, orgs, types);
            }
            return;
        }
        provider.getByMember(user).filter(OrganizationModel::isEnabled).forEach(org -> add(org, orgs, types));
    }

    private static void add(OrganizationModel org, Set<String> orgs, Set<String> types) {
        orgs.add(org.getAlias());
        List<String> t = org.getAttributes().get(STAKEHOLDER_TYPE);
        if (t != null) {
            types.addAll(t);
        }
    }

    public static boolean trustedEnvironment(ClientModel client) {
        return client != null && "true".equals(client.getAttribute(TRUSTED_ENVIRONMENT));
    }

    public static List<Purpose> purposes(ClientModel client) {
        String value = client == null ? null : client.getAttribute(CLIENT_PURPOSES);
        if (value == null || value.isBlank()) {
            return List.of();
        }
        List<Purpose> list = new ArrayList<>();
        for (String code : value.split(",")) {
            String c = code.trim();
            if (!c.isEmpty()) {
                try {
                    list.add(Purpose.parse(c));
                } catch (RuntimeException e) {
                    // A malformed registration grants nothing; the other purposes still count.
                }
            }
        }
        return list;
    }
}
