package city.iam.device.token;

import city.iam.device.jpa.DeviceCertificateEntity;
import city.iam.device.jpa.DeviceEntity;
import city.iam.device.registry.DeviceCertificates;
import city.iam.device.registry.DeviceStatus;
import city.iam.device.registry.Quarantine;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.settings.RealmSettings;
import city.iam.kernel.time.KeycloakClock;
import city.iam.kernel.tls.TlsClient;
import jakarta.ws.rs.core.MultivaluedMap;
import org.jboss.logging.Logger;
import org.keycloak.Config;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.ClientAuthenticationFlowContext;
import org.keycloak.authentication.ClientAuthenticator;
import org.keycloak.authentication.ClientAuthenticatorFactory;
import org.keycloak.authentication.authenticators.client.ClientAuthUtil;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.protocol.oidc.OIDCLoginProtocol;
import org.keycloak.provider.ProviderConfigProperty;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Client authentication {@value #ID} for fleet clients: the TLS client certificate (from Keycloak's
 * certificate lookup, which honours only configured proxies) must be a current certificate the city CA issued
 * to an active device of that fleet's group — or, for devices behind a TLS terminator, a client assertion
 * signed with that certificate's key plus a DPoP proof with the same key ({@link AssertionAuthentication}). The IDevID, an unknown, revoked, expired or superseded certificate
 * is refused; using a superseded one is a clone signal that quarantines the device.
 */
public class DeviceClientAuthenticator implements ClientAuthenticator, ClientAuthenticatorFactory {

    public static final String ID = "city-device-x509";
    private static final Logger LOG = Logger.getLogger(DeviceClientAuthenticator.class);

    /** One per node: this class is its own factory, and Keycloak keeps one factory instance. */
    private final GrantWatch watch = new GrantWatch();

    @Override
    public void authenticateClient(ClientAuthenticationFlowContext context) {
        String clientId = clientId(context);
        if (clientId == null) {
            context.attempted();
            return;
        }
        ClientModel client = context.getRealm().getClientByClientId(clientId);
        if (client == null || !ID.equals(client.getClientAuthenticatorType())) {
            context.attempted();
            return;
        }
        context.getEvent().client(client);
        context.setClient(client);
        if (!client.isEnabled()) {
            refuse(context, "The device fleet is disabled.");
            return;
        }
        KeycloakSession session = context.getSession();
        DeviceCertificates certificates = new DeviceCertificates(
                session.getProvider(JpaConnectionProvider.class).getEntityManager(), context.getRealm().getId(), KeycloakClock.INSTANCE);
        String group = client.getClientId().substring("fleet-".length());
        String assertion = formParameter(context, OAuth2Constants.CLIENT_ASSERTION);
        DeviceCertificates.Verdict verdict;
        if (assertion != null) {
            verdict = new AssertionAuthentication(context, certificates, client, group).verify(assertion);
            if (verdict == null) {
                return;
            }
        } else {
            X509Certificate[] chain = TlsClient.chain(context.getSession());
            if (chain.length == 0) {
                refuse(context, "A device certificate (mutual TLS) or a client assertion with DPoP is required.");
                return;
            }
            verdict = certificates.authenticate(chain[0], group);
        }
        if (!verdict.accepted()) {
            context.getEvent().detail("reason", verdict.reason());
            if (verdict.cloneSignal()) {
                context.getEvent().detail("clone_signal", verdict.device().getDeviceId());
                Quarantine.onSignal(session, context.getRealm().getId(), verdict.device().getId(), "superseded certificate used");
            }
            refuse(context, verdict.reason());
            return;
        }
        DeviceEntity device = verdict.device();
        DeviceCertificateEntity cert = verdict.certificate();
        String status = device.getStatus();
        String signal = watch(context, device);
        if (signal != null) {
            context.getEvent().detail("quarantine_signal", signal);
            Quarantine.onSignal(session, context.getRealm().getId(), device.getId(), signal);
            status = DeviceStatus.QUARANTINED.value();
        }
        if (status.equals(DeviceStatus.QUARANTINED.value()) && !RemediationScope.onlyRemediation(requestedScope(context))) {
            context.getEvent().detail("reason", "quarantined device asked for more than " + RemediationScope.SCOPE);
            context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, ClientAuthUtil.errorResponse(400, "invalid_scope",
                    "The device is quarantined: only the " + RemediationScope.SCOPE + " scope can be requested."));
            return;
        }
        certificates.used(device, cert);
        context.getEvent().detail("device_id", device.getDeviceId());
        session.setAttribute(DeviceContext.ATTRIBUTE,
                new DeviceContext(device.getDeviceId(), status, device.getAttestation(), cert.getThumbprint()));
        context.success();
    }

    /** The quarantine signal this grant raises (token rate, too many addresses), or null. */
    private String watch(ClientAuthenticationFlowContext context, DeviceEntity device) {
        GrantWatch.Limits limits;
        try {
            limits = GrantWatch.Limits.of(RealmSettings.of(context.getRealm()));
        } catch (CityIamException e) {
            // A broken limit must not take the fleet offline: say so loudly and watch nothing until it is fixed.
            LOG.warnf("device grant watch off in realm %s: %s", context.getRealm().getName(), e.description());
            return null;
        }
        GrantWatch.Signal signal = watch.grant(device.getId(), context.getConnection().getRemoteAddr(),
                KeycloakClock.INSTANCE.millis(), limits);
        return signal == GrantWatch.Signal.NONE ? null : signal.describe(limits);
    }

    static void refuse(ClientAuthenticationFlowContext context, String why) {
        LOG.debugf("device client authentication refused: %s", why);
        context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS,
                ClientAuthUtil.errorResponse(401, "invalid_client", why));
    }

    private static String requestedScope(ClientAuthenticationFlowContext context) {
        return formParameter(context, OAuth2Constants.SCOPE);
    }

    static String formParameter(ClientAuthenticationFlowContext context, String name) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        return form == null ? null : form.getFirst(name);
    }

    private static String clientId(ClientAuthenticationFlowContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String id = form == null ? null : form.getFirst(OAuth2Constants.CLIENT_ID);
        return id != null ? id : context.getSession().getContext().getUri().getQueryParameters().getFirst(OAuth2Constants.CLIENT_ID);
    }

    @Override
    public ClientAuthenticator create() {
        return this;
    }

    @Override
    public ClientAuthenticator create(KeycloakSession session) {
        return this;
    }

    @Override
    public String getDisplayType() {
        return "City device certificate";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Fleet clients: a device authenticates with the LDevID the city device CA issued to it";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }

    @Override
    public List<ProviderConfigProperty> getConfigPropertiesPerClient() {
        return List.of();
    }

    @Override
    public Map<String, Object> getAdapterConfiguration(KeycloakSession session, ClientModel client) {
        return Map.of();
    }

    @Override
    public Set<String> getProtocolAuthenticatorMethods(String loginProtocol) {
        return OIDCLoginProtocol.LOGIN_PROTOCOL.equals(loginProtocol) ? Set.of("tls_client_auth") : Set.of();
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }
}
