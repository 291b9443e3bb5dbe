package city.iam.federation.assurance;

import city.iam.federation.audit.BrokeredLogin;
import city.iam.federation.audit.FederationAudit;
import city.iam.kernel.info.Versions;
import org.jboss.logging.Logger;
import org.keycloak.authentication.authenticators.util.AcrStore;
import org.keycloak.broker.oidc.KeycloakOIDCIdentityProviderFactory;
import org.keycloak.broker.oidc.OIDCIdentityProviderFactory;
import org.keycloak.broker.provider.AbstractIdentityProviderMapper;
import org.keycloak.broker.provider.BrokeredIdentityContext;
import org.keycloak.broker.saml.SAMLIdentityProviderFactory;
import org.keycloak.models.Constants;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.IdentityProviderMapperModel;
import org.keycloak.models.IdentityProviderSyncMode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.protocol.oidc.utils.AcrUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.provider.ServerInfoAwareProviderFactory;
import org.keycloak.sessions.AuthenticationSessionModel;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * IdP mapper (OIDC and SAML brokers) that turns the upstream acr into the city's level of authentication
 * (B3/B4, the gap of keycloak#25335): the mapped level is stored where Keycloak's own step-up keeps it (the
 * authentication session's level note via {@link AcrStore}), so the stock {@code acr} protocol mapper puts the
 * city acr in the token. Unknown or missing upstream acr values refuse the login (fail closed) with an event
 * and an error page. Every brokered login through the IdP gets one federation audit entry.
 *
 * <p>The first-broker-login flow resets the authentication session, so the outcome also travels in the brokered
 * context and is restored when the account is created or updated ({@code FORCE} sync mode covers linking an
 * existing account; with {@code IMPORT} a linked-on-first-login account gets the realm's lowest level).
 */
public class AssuranceMapper extends AbstractIdentityProviderMapper implements ServerInfoAwareProviderFactory {

    public static final String ID = "city-assurance-mapper";
    private static final Logger LOG = Logger.getLogger(AssuranceMapper.class);

    static final String CONTEXT_LEVEL = "city-iam.assurance.level";
    static final String CONTEXT_UPSTREAM = "city-iam.assurance.upstream-acr";
    /** User-session notes, for a user-session-note protocol mapper if a client wants the upstream acr too. */
    public static final String NOTE_UPSTREAM_ACR = "city.upstream_acr";
    public static final String NOTE_CITY_ACR = "city.acr";

    private static final String[] COMPATIBLE = {OIDCIdentityProviderFactory.PROVIDER_ID, CityOidcIdentityProviderFactory.PROVIDER_ID,
            KeycloakOIDCIdentityProviderFactory.PROVIDER_ID, SAMLIdentityProviderFactory.PROVIDER_ID, CitySamlIdentityProviderFactory.PROVIDER_ID};

    private static final List<ProviderConfigProperty> CONFIG = ProviderConfigurationBuilder.create()
            .property().name(AssuranceConfig.PRESET).label("Upstream acr vocabulary")
            .helpText("Preset table for the IdP's acr values, mapped to the city acr names low/substantial/high.")
            .type(ProviderConfigProperty.LIST_TYPE)
            .options(Arrays.stream(AcrPreset.values()).map(AcrPreset::id).toList())
            .defaultValue(AcrPreset.NONE.id()).add()
            .property().name(AssuranceConfig.TABLE).label("acr table (JSON)")
            .helpText("JSON object upstream acr -> city acr (a name from the realm's acr.loa.map, or a level number); overrides the preset.")
            .type(ProviderConfigProperty.TEXT_TYPE).add()
            .property().name(AssuranceConfig.WHEN_MISSING).label("City acr when upstream sends none")
            .helpText("Leave empty to refuse logins without an acr (recommended).")
            .type(ProviderConfigProperty.STRING_TYPE).add()
            .build();

    /** The eID vocabulary a mapper of this type uses; empty for other mappers, no preset or an unknown one. */
    public static Optional<AcrPreset> eidPreset(IdentityProviderMapperModel mapper) {
        if (!ID.equals(mapper.getIdentityProviderMapper()) || mapper.getConfig() == null) {
            return Optional.empty();
        }
        return AcrPreset.byId(mapper.getConfig().get(AssuranceConfig.PRESET)).filter(p -> p != AcrPreset.NONE);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String[] getCompatibleProviders() {
        return COMPATIBLE.clone();
    }

    @Override
    public String getDisplayCategory() {
        return "Assurance";
    }

    @Override
    public String getDisplayType() {
        return "City assurance level (acr table)";
    }

    @Override
    public String getHelpText() {
        return "Maps the upstream acr to the city's level of authentication through a per-IdP table; unknown values refuse the login.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return CONFIG;
    }

    @Override
    public boolean supportsSyncMode(IdentityProviderSyncMode syncMode) {
        return true;
    }

    @Override
    public Map<String, String> getOperationalInfo() {
        return Versions.info();
    }

    @Override
    public void preprocessFederatedIdentity(KeycloakSession session, RealmModel realm, IdentityProviderMapperModel mapperModel,
                                            BrokeredIdentityContext context) {
        Optional<String> upstream = UpstreamAcr.of(context);
        AuthenticationSessionModel authSession = context.getAuthenticationSession();
        UserModel linked = linkedUser(session, realm, context);
        OrganizationModel org = organization(session, context);
        String orgName = org != null ? org.getAlias() : context.getIdpConfig().getOrganizationId();
        BrokeredLogin.Builder login = new BrokeredLogin.Builder(context.getIdpConfig().getAlias(), orgName,
                context.getId(), context.getUsername(),
                linked != null ? BrokeredLogin.LINK_EXISTING : BrokeredLogin.LINK_FIRST_LOGIN);
        AssuranceDecision.Outcome outcome;
        try {
            CityLevels levels = levels(authSession);
            outcome = decision(mapperModel, levels).decide(upstream);
            if (org != null) {
                OrganizationMinimum.require(org.getAttributes().get(OrganizationMinimum.ATTRIBUTE), levels, outcome);
            }
            requireEssentialLevel(authSession, outcome);
        } catch (AssuranceDecision.Refused r) {
            FederationAudit.record(session, realm, linked == null ? null : linked.getId(), login.refused(r.upstreamAcr(), r.code()));
            throw AssuranceRefusal.of(session, realm, context, r.code(), r.upstreamAcr(), r.getMessage());
        } catch (IllegalArgumentException e) {
            LOG.warnf("assurance mapper %s of IdP %s is misconfigured: %s", mapperModel.getName(), context.getIdpConfig().getAlias(), e.getMessage());
            String upstreamAcr = upstream.orElse(null);
            FederationAudit.record(session, realm, linked == null ? null : linked.getId(), login.refused(upstreamAcr, "city_acr_unconfigured"));
            throw AssuranceRefusal.of(session, realm, context, "city_acr_unconfigured", upstreamAcr,
                    "The city's assurance settings for this identity provider are incomplete; ask the administrator to fix the acr table.");
        }
        context.getContextData().put(CONTEXT_LEVEL, String.valueOf(outcome.level()));
        if (outcome.upstreamAcr() != null) {
            context.getContextData().put(CONTEXT_UPSTREAM, outcome.upstreamAcr());
        }
        apply(authSession, session, outcome.level(), outcome.upstreamAcr(), outcome.cityAcr());
        FederationAudit.record(session, realm, linked == null ? null : linked.getId(),
                login.accepted(outcome.upstreamAcr(), outcome.cityAcr(), outcome.level()));
    }

    @Override
    public void importNewUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                              BrokeredIdentityContext context) {
        restore(session, context);
    }

    @Override
    public void updateBrokeredUser(KeycloakSession session, RealmModel realm, UserModel user, IdentityProviderMapperModel mapperModel,
                                   BrokeredIdentityContext context) {
        restore(session, context);
    }

    /**
     * A client that marked its acr request essential gets that level or an error, never a silent downgrade
     * (keycloak#8724): Keycloak does not check this for brokered logins itself.
     */
    private static void requireEssentialLevel(AuthenticationSessionModel authSession, AssuranceDecision.Outcome outcome) {
        if (authSession == null || !Boolean.parseBoolean(authSession.getClientNote(Constants.FORCE_LEVEL_OF_AUTHENTICATION))) {
            return;
        }
        String requested = authSession.getClientNote(Constants.REQUESTED_LEVEL_OF_AUTHENTICATION);
        if (requested != null && Integer.parseInt(requested) > outcome.level()) {
            throw new AssuranceDecision.Refused("city_acr_insufficient", outcome.upstreamAcr(),
                    "The identity provider authenticated you at a lower level of assurance than this application requires.");
        }
    }

    private static CityLevels levels(AuthenticationSessionModel authSession) {
        Map<String, Integer> acrLoa = authSession == null ? Map.of() : AcrUtils.getAcrLoaMap(authSession.getClient());
        return new CityLevels(acrLoa);
    }

    private static AssuranceDecision decision(IdentityProviderMapperModel mapperModel, CityLevels levels) {
        return new AssuranceDecision(AssuranceConfig.table(mapperModel), levels, AssuranceConfig.whenMissing(mapperModel));
    }

    /** Re-applies the outcome after the first-broker-login flow reset the authentication session's notes. */
    private static void restore(KeycloakSession session, BrokeredIdentityContext context) {
        Object level = context.getContextData().get(CONTEXT_LEVEL);
        if (level instanceof String l && context.getAuthenticationSession() != null) {
            Object upstream = context.getContextData().get(CONTEXT_UPSTREAM);
            apply(context.getAuthenticationSession(), session, Integer.parseInt(l), upstream instanceof String u ? u : null, null);
        }
    }

    private static void apply(AuthenticationSessionModel authSession, KeycloakSession session, int level, String upstreamAcr, String cityAcr) {
        if (authSession == null) {
            return;
        }
        new AcrStore(session, authSession).setLevelAuthenticated(level);
        if (upstreamAcr != null) {
            authSession.setUserSessionNote(NOTE_UPSTREAM_ACR, upstreamAcr);
        }
        if (cityAcr != null) {
            authSession.setUserSessionNote(NOTE_CITY_ACR, cityAcr);
        }
    }

    private static UserModel linkedUser(KeycloakSession session, RealmModel realm, BrokeredIdentityContext context) {
        if (context.getId() == null) {
            return null;
        }
        return session.users().getUserByFederatedIdentity(realm,
                new FederatedIdentityModel(context.getIdpConfig().getAlias(), context.getId(), context.getUsername()));
    }

    /** The organisation the IdP is linked to (for the audit entry and its minimum assurance), or null. */
    private static OrganizationModel organization(KeycloakSession session, BrokeredIdentityContext context) {
        String orgId = context.getIdpConfig().getOrganizationId();
        if (orgId == null) {
            return null;
        }
        OrganizationProvider orgs = session.getProvider(OrganizationProvider.class);
        return orgs == null ? null : orgs.getById(orgId);
    }
}
