package city.iam.device.fleet;

import city.iam.device.group.EnrollmentGroup;
import city.iam.device.token.DeviceClaimsMapper;
import city.iam.device.token.DeviceClientAuthenticator;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.people.UserRef;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.ClientScopeModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.managers.ClientManager;
import org.keycloak.services.managers.RealmManager;

import java.util.List;
import java.util.Map;

/**
 * One Keycloak client per enrollment group ({@code fleet-<group>}) through which all of its devices get
 * tokens. Devices stay out of Keycloak's client table, so 100 000 devices cost no more clients than groups;
 * the device is resolved from its certificate by {@link DeviceClientAuthenticator} and named in the token.
 */
public final class FleetClients {

    private FleetClients() {
    }

    /** Creates or updates the group's fleet client; refuses unknown roles before changing anything. */
    public static ClientModel ensure(KeycloakSession session, RealmModel realm, EnrollmentGroup group) {
        List<RoleModel> roles = (group.roles() == null ? List.<String>of() : group.roles()).stream().map(name -> {
            RoleModel role = realm.getRole(name);
            if (role == null) {
                throw CityIamException.badRequest("unknown_role", "Realm role " + name + " does not exist.");
            }
            return role;
        }).toList();
        List<ClientScopeModel> scopes = (group.scopes() == null ? List.<String>of() : group.scopes()).stream().map(name ->
                realm.getClientScopesStream().filter(cs -> cs.getName().equals(name)).findFirst().orElseThrow(() ->
                        CityIamException.badRequest("unknown_scope", "Client scope " + name + " does not exist in the realm."))).toList();
        List<String> audiences = group.audiences() == null ? List.of() : group.audiences();
        for (String audience : audiences) {
            if (realm.getClientByClientId(audience) == null) {
                throw CityIamException.badRequest("unknown_audience", "There is no client " + audience + " to be the token audience.");
            }
        }
        if (group.owner() != null && UserRef.find(session, realm, group.owner()) == null) {
            throw CityIamException.badRequest("unknown_owner", "owner must name a user of the realm by username or id.");
        }
        ensureClientAuthenticationStep(realm);

        ClientModel client = realm.getClientByClientId(group.fleetClientId());
        if (client == null) {
            client = realm.addClient(group.fleetClientId());
            client.setName("Device fleet " + group.name());
            client.setDescription("Tokens for the devices of enrollment group " + group.name() + "; devices authenticate with their city certificate");
            client.setProtocol("openid-connect");
            client.setPublicClient(false);
            client.setStandardFlowEnabled(false);
            client.setImplicitFlowEnabled(false);
            client.setDirectAccessGrantsEnabled(false);
            client.setFullScopeAllowed(false);
            client.setClientAuthenticatorType(DeviceClientAuthenticator.ID);
            client.setAttribute("access.token.lifespan", "300");
            new ClientManager(new RealmManager(session)).enableServiceAccount(client);
            ProtocolMapperModel mapper = new ProtocolMapperModel();
            mapper.setName("device claims");
            mapper.setProtocol("openid-connect");
            mapper.setProtocolMapper(DeviceClaimsMapper.ID);
            mapper.setConfig(Map.of("access.token.claim", "true", "introspection.token.claim", "true"));
            client.addProtocolMapper(mapper);
        }
        client.setEnabled(group.isEnabled());
        if (group.owner() != null) {
            // The lifecycle convention for any client's owner, so owner checks and fleet notices read one place.
            client.setAttribute(UserRef.OWNER, group.owner().trim());
        }
        // Sender-constrained either way: to the LDevID (RFC 8705) or, behind a TLS terminator, to the DPoP key.
        client.setAttribute("tls.client.certificate.bound.access.tokens", String.valueOf(!group.dpopBound()));
        client.setAttribute("dpop.bound.access.tokens", String.valueOf(group.dpopBound()));
        for (String audience : audiences) {
            String name = "audience " + audience;
            if (client.getProtocolMapperByName("openid-connect", name) == null) {
                ProtocolMapperModel aud = new ProtocolMapperModel();
                aud.setName(name);
                aud.setProtocol("openid-connect");
                aud.setProtocolMapper("oidc-audience-mapper");
                aud.setConfig(Map.of("included.client.audience", audience, "access.token.claim", "true",
                        "introspection.token.claim", "true"));
                client.addProtocolMapper(aud);
            }
        }
        for (ClientScopeModel scope : scopes) {
            client.addClientScope(scope, true);
        }
        UserModel account = session.users().getServiceAccount(client);
        for (RoleModel role : roles) {
            client.addScopeMapping(role);
            account.grantRole(role);
        }
        return client;
    }

    /** Adds our authenticator to the realm's client-authentication flow, once. */
    static void ensureClientAuthenticationStep(RealmModel realm) {
        AuthenticationFlowModel flow = realm.getClientAuthenticationFlow();
        boolean present = realm.getAuthenticationExecutionsStream(flow.getId())
                .anyMatch(e -> DeviceClientAuthenticator.ID.equals(e.getAuthenticator()));
        if (!present) {
            AuthenticationExecutionModel step = new AuthenticationExecutionModel();
            step.setParentFlow(flow.getId());
            step.setAuthenticator(DeviceClientAuthenticator.ID);
            step.setRequirement(AuthenticationExecutionModel.Requirement.ALTERNATIVE);
            step.setAuthenticatorFlow(false);
            // First in the flow: for a fleet client it answers at once; for any other client it steps aside
            // after one cached client lookup.
            step.setPriority(5);
            realm.addAuthenticatorExecution(step);
        }
    }
}
