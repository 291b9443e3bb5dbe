package city.iam.federation.discovery;

import city.iam.federation.assurance.AcrPreset;
import city.iam.federation.assurance.AssuranceMapper;
import org.keycloak.models.IdentityProviderStorageProvider.FetchMode;
import org.keycloak.models.KeycloakSession;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The login page's "Sign in with eID" group: of the IdPs the page shows anyway (enabled, not hidden, realm
 * level), those whose assurance mapper uses an eID preset, as alias → preset id. The theme labels the buttons
 * with the preset ({@code cityEidPreset_<id>}) and lists every other IdP as usual. Organisation IdPs and
 * aggregate IdPs are hidden on the login page, so this reads a handful of IdPs, never the aggregate's thousands.
 */
final class EidButtons {

    /** FreeMarker attribute read by the {@code city} login theme. */
    static final String ATTRIBUTE = "cityEid";

    private EidButtons() {
    }

    static Map<String, String> of(KeycloakSession session) {
        Map<String, String> eids = new LinkedHashMap<>();
        session.identityProviders().getForLogin(FetchMode.REALM_ONLY, null).forEach(idp ->
                session.identityProviders().getMappersByAliasStream(idp.getAlias())
                        .map(AssuranceMapper::eidPreset).flatMap(java.util.Optional::stream).findFirst()
                        .map(AcrPreset::id).ifPresent(preset -> eids.put(idp.getAlias(), preset)));
        return eids;
    }
}
