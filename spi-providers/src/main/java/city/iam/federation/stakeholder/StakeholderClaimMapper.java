package city.iam.federation.stakeholder;

import city.iam.kernel.info.Versions;
import org.keycloak.models.ClientSessionContext;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.ProtocolMapperModel;
import org.keycloak.models.UserSessionModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.mappers.AbstractOIDCProtocolMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAccessTokenMapper;
import org.keycloak.protocol.oidc.mappers.OIDCAttributeMapperHelper;
import org.keycloak.protocol.oidc.mappers.OIDCIDTokenMapper;
import org.keycloak.protocol.oidc.mappers.UserInfoTokenMapper;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.representations.IDToken;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * B1: puts the stakeholder types of the user's organisations (organisation attribute {@code stakeholderType}:
 * citizen, city-department, utility, research, vendor, ...) into the token as {@code stakeholder_types}, next to
 * Keycloak's own {@code organization} claim, for resource servers outside Keycloak. (The dataset policy reads
 * the same attribute from the model, never from the token.)
 */
public class StakeholderClaimMapper extends AbstractOIDCProtocolMapper
        implements OIDCAccessTokenMapper, OIDCIDTokenMapper, UserInfoTokenMapper, ServerInfoAwareProviderFactory {

    public static final String ID = "city-stakeholder-type-mapper";
    public static final String CLAIM = "stakeholder_types";
    public static final String ATTRIBUTE = "stakeholderType";

    private static final List<ProviderConfigProperty> CONFIG = new ArrayList<>();

    static {
        OIDCAttributeMapperHelper.addIncludeInTokensConfig(CONFIG, StakeholderClaimMapper.class);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayCategory() {
        return TOKEN_MAPPER_CATEGORY;
    }

    @Override
    public String getDisplayType() {
        return "City stakeholder types";
    }

    @Override
    public String getHelpText() {
        return "Adds the stakeholderType attribute of each organisation the user belongs to as the stakeholder_types claim.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Versions.info();
    }

    @Override
    protected void setClaim(IDToken token, ProtocolMapperModel mapping, UserSessionModel userSession, KeycloakSession session,
                            ClientSessionContext clientSessionCtx) {
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        if (orgs == null || !orgs.isEnabled()) {
            return;
        }
        TreeSet<String> types = new TreeSet<>();
        orgs.getByMember(userSession.getUser()).filter(OrganizationModel::isEnabled).forEach(org -> {
            List<String> values = org.getAttributes().get(ATTRIBUTE);
            if (values != null) {
                values.stream().filter(v -> v != null && !v.isBlank()).forEach(types::add);
            }
        });
        if (!types.isEmpty()) {
            token.getOtherClaims().put(CLAIM, new ArrayList<>(types));
        }
    }
}
