package city.iam.device.token;

import city.iam.device.jpa.DeviceCertificateEntity;
import city.iam.device.jpa.DeviceEntity;
import city.iam.device.registry.DeviceCertificates;
import city.iam.device.registry.Devices;
import city.iam.kernel.time.KeycloakClock;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.AccessTokenIntrospectionProvider;
import org.keycloak.representations.AccessToken;

import java.util.Map;
import java.util.Optional;

/**
 * Keycloak's access-token introspection plus the device's live state: a token that names a device is active
 * only while that device is active and the certificate it is bound to is current. Revocation and quarantine
 * therefore reach every resource server that introspects at its next call, not when the token expires.
 */
public class DeviceIntrospectionProvider extends AccessTokenIntrospectionProvider<AccessToken> {

    public DeviceIntrospectionProvider(KeycloakSession session) {
        super(session);
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DeviceIntrospectionProvider.class);

    @Override
    protected boolean introspectionChecks(String tokenString) {
        if (!super.introspectionChecks(tokenString)) {
            LOG.debug("Keycloak's own introspection checks refused the token");
            return false;
        }
        Object deviceId = token.getOtherClaims().get("device_id");
        if (deviceId == null) {
            return true;
        }
        var em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Optional<DeviceEntity> device = new Devices(em, realm.getId()).byDeviceId(deviceId.toString());
        AccessToken.Confirmation cnf = token.getConfirmation();
        if (device.isEmpty() || cnf == null || (cnf.getCertThumbprint() == null && cnf.getKeyThumbprint() == null)) {
            LOG.debugf("token names device %s but it is unknown or the token is not sender-constrained", deviceId);
            return false;
        }
        DeviceCertificates certificates = new DeviceCertificates(em, realm.getId(), KeycloakClock.INSTANCE);
        Optional<DeviceCertificateEntity> cert = cnf.getCertThumbprint() != null
                ? certificates.byThumbprint(cnf.getCertThumbprint())
                : dpopBound(new Devices(em, realm.getId()), device.get(), cnf.getKeyThumbprint());
        if (cert.isEmpty() || !cert.get().getDevicePk().equals(device.get().getId())
                || !certificates.check(device.get(), cert.get()).accepted()) {
            return false;
        }
        // A quarantined device's earlier tokens die; only its remediation tokens stay active.
        return !device.get().getStatus().equals("quarantined") || RemediationScope.isRemediationToken(token.getScope());
    }

    /** A DPoP-bound device token (cnf.jkt) is live while the key it is bound to is the device's current one. */
    private static Optional<DeviceCertificateEntity> dpopBound(Devices devices, DeviceEntity device, String jkt) {
        return devices.certificates(device).stream()
                .filter(c -> c.getState().equals("current"))
                .filter(c -> DeviceKeys.thumbprint(city.iam.device.pki.Pem.certificates(c.getCertPem()).get(0).getPublicKey()).equals(jkt))
                .findFirst();
    }

    @Override
    public AccessToken transformAccessToken(AccessToken token, UserSessionModel userSession) {
        AccessToken transformed = super.transformAccessToken(token, userSession);
        // Introspection rebuilds claims from the session; the device claims live in the token itself.
        for (String claim : new String[]{"device_id", "device_status", "att"}) {
            Object value = token.getOtherClaims().get(claim);
            if (value != null) {
                transformed.getOtherClaims().putIfAbsent(claim, value instanceof Map<?, ?> m ? Map.copyOf(m) : value);
            }
        }
        return transformed;
    }
}
