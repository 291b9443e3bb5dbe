package city.iam.device.token;

import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.TokenIntrospectionTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.representations.AccessToken;
import org.keycloak.representations.IDToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Names the individual device in its fleet's tokens: {@code device_id}, {@code device_status} and
 * {@code att} (the attestation result). Resource servers identify the device by {@code device_id}; the
 * token's {@code sub} is the fleet's service account, shared by the group.
 */
public class DeviceClaimsMapper extends AbstractOIDCProtocolMapper implements OIDCAccessTokenMapper, TokenIntrospectionTokenMapper {

    public static final String ID = "city-device-claims";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, DeviceClaimsMapper.class);
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mappingModel, UserSessionModel userSession,
                            KeycloakSession session, ClientSessionContext clientSessionCtx) {
        DeviceContext device = session.getAttribute(DeviceContext.ATTRIBUTE, DeviceContext.class);
        if (device == null) {
            return;
        }
        token.getOtherClaims().put("device_id", device.deviceId());
        token.getOtherClaims().put("device_status", device.status());
        token.getOtherClaims().put("att", Map.of("status", device.attestation() == null ? "none" : device.attestation()));
        if ("quarantined".equals(device.status()) && token instanceof AccessToken access) {
            // Runs after the role and scope mappers (priority): a quarantined device keeps only remediation.
            access.setScope(RemediationScope.SCOPE);
            access.setRealmAccess(null);
            access.setResourceAccess(null);
        }
    }

    @Override
    public int getPriority() {
        return 1000;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "City device claims";
    }

    @Override
    public String getHelpText() {
        return "Adds device_id, device_status and att of the device that authenticated with its city certificate";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public String getId() {
        return ID;
    }
}
