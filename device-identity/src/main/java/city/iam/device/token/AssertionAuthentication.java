package city.iam.device.token;

import city.iam.device.jpa.DeviceCertificateEntity;
import city.iam.device.jpa.DeviceEntity;
import city.iam.device.pki.Pem;
import city.iam.device.registry.DeviceCertificates;
import city.iam.device.registry.Devices;
import city.iam.kernel.time.KeycloakClock;
import org.keycloak.OAuth2Constants;
import org.keycloak.authentication.AuthenticationFlowError;
import org.keycloak.authentication.ClientAuthenticationFlowContext;
import org.keycloak.authentication.authenticators.client.ClientAuthUtil;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.ClientModel;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * DI-12: a device behind a TLS terminator proves itself with {@code private_key_jwt} signed by the key it
 * attested at enrolment (the key of its current certificate), and must send a DPoP proof with that same key,
 * so its token is sender-constrained ({@code cnf.jkt}) although no client certificate reaches Keycloak.
 * Keycloak validates the DPoP proof itself right after client authentication.
 */
final class AssertionAuthentication {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private final ClientAuthenticationFlowContext context;
    private final DeviceCertificates certificates;
    private final ClientModel client;
    private final String group;

    AssertionAuthentication(ClientAuthenticationFlowContext context, DeviceCertificates certificates, ClientModel client, String group) {
        this.context = context;
        this.certificates = certificates;
        this.client = client;
        this.group = group;
    }

    /** The verdict, or null when the request was already refused. */
    DeviceCertificates.Verdict verify(String assertion) {
        if (!JWT_BEARER.equals(DeviceClientAuthenticator.formParameter(context, OAuth2Constants.CLIENT_ASSERTION_TYPE))) {
            DeviceClientAuthenticator.refuse(context, "client_assertion_type must be " + JWT_BEARER + ".");
            return null;
        }
        try {
            DeviceAssertion.Parsed parsed = DeviceAssertion.parse(assertion);
            var em = context.getSession().getProvider(JpaConnectionProvider.class).getEntityManager();
            Optional<DeviceEntity> device = new Devices(em, context.getRealm().getId()).byDeviceId(parsed.deviceId());
            if (device.isEmpty() || !device.get().getGroupName().equals(group)) {
                DeviceClientAuthenticator.refuse(context, "The assertion names no device of this fleet.");
                return null;
            }
            long now = KeycloakClock.INSTANCE.millis();
            Optional<DeviceCertificateEntity> current = new Devices(em, context.getRealm().getId()).certificates(device.get()).stream()
                    .filter(c -> c.getState().equals("current") && c.getRevokedAt() == null && c.getNotAfter() > now).findFirst();
            if (current.isEmpty()) {
                DeviceClientAuthenticator.refuse(context, "The device holds no valid certificate.");
                return null;
            }
            DeviceCertificates.Verdict verdict = certificates.check(device.get(), current.get());
            if (!verdict.accepted()) {
                return verdict;
            }
            PublicKey key = Pem.certificates(current.get().getCertPem()).get(0).getPublicKey();
            String issuer = context.getSession().getContext().getUri().getBaseUriBuilder().path("realms")
                    .path(context.getRealm().getName()).build().toString();
            DeviceAssertion.Verified verified = DeviceAssertion.verify(parsed, key, client.getClientId(),
                    List.of(issuer, issuer + "/protocol/openid-connect/token"), KeycloakClock.INSTANCE.instant());
            long lifespan = Math.max(1, (verified.expiresAt().toEpochMilli() - now) / 1000 + 10);
            if (!context.getSession().singleUseObjects().putIfAbsent("city-iam.device-assertion." + verified.jti(), lifespan)) {
                DeviceClientAuthenticator.refuse(context, "The client assertion was already used.");
                return null;
            }
            String dpop = context.getHttpRequest().getHttpHeaders().getHeaderString("DPoP");
            if (dpop == null) {
                dpopRefusal("A DPoP proof with the device's attested key is required with a client assertion.");
                return null;
            }
            if (!DeviceKeys.thumbprint(DeviceAssertion.dpopKey(dpop)).equals(DeviceKeys.thumbprint(key))) {
                dpopRefusal("The DPoP proof is not made with the device's attested key.");
                return null;
            }
            return verdict;
        } catch (IllegalArgumentException e) {
            DeviceClientAuthenticator.refuse(context, e.getMessage());
            return null;
        }
    }

    private void dpopRefusal(String why) {
        context.failure(AuthenticationFlowError.INVALID_CLIENT_CREDENTIALS, ClientAuthUtil.errorResponse(400, "invalid_dpop_proof", why));
    }
}
