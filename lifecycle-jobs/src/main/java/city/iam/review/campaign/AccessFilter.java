package city.iam.review.campaign;

import city.iam.review.definition.Organizations;
import city.iam.review.definition.ScopeFilters;
import org.keycloak.models.GroupModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The access half of {@code scope.filters}: the granted role, group or organisation must carry the attributes
 * asked for and reach at least the dataset class asked for. Decided once per selected access before its grants
 * are read, so a filtered-out role costs nothing; a service account's roles differ grant by grant and are decided
 * once per role. An identity provider's attributes are its configuration; a whole account has none, so an
 * attribute filter leaves account selectors empty. Attributes come from Keycloak's cached models, read only
 * when an attribute filter is set.
 */
final class AccessFilter {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ScopeFilters filters;
    private final Map<String, Boolean> roles = new HashMap<>();

    AccessFilter(KeycloakSession session, RealmModel realm, ScopeFilters filters) {
        this.session = session;
        this.realm = realm;
        this.filters = filters;
    }

    boolean active() {
        return filters.filtersAccess();
    }

    boolean admits(EffectiveAccess.Access a) {
        return filters.matchesAccess(filters.accessAttributes().isEmpty() ? Map.of() : attributes(a), a.sensitivity());
    }

    /** A service account's role, by the grant's own role and sensitivity. */
    boolean admits(Grant g) {
        return roles.computeIfAbsent(g.accessId(), id -> {
            RoleModel role = realm.getRoleById(id);
            return filters.matchesAccess(role == null || filters.accessAttributes().isEmpty() ? Map.of() : role.getAttributes(), g.sensitivity());
        });
    }

    private Map<String, List<String>> attributes(EffectiveAccess.Access a) {
        return switch (a.type()) {
            case REALM_ROLE, CLIENT_ROLE -> {
                RoleModel role = realm.getRoleById(a.id());
                yield role == null ? Map.of() : role.getAttributes();
            }
            case GROUP -> {
                GroupModel group = session.groups().getGroupById(realm, a.id());
                yield group == null ? Map.of() : group.getAttributes();
            }
            case ORGANIZATION -> {
                OrganizationProvider orgs = Organizations.of(session, realm);
                OrganizationModel org = orgs == null ? null : orgs.getById(a.id());
                yield org == null || org.getAttributes() == null ? Map.of() : org.getAttributes();
            }
            case IDP_LINK -> {
                IdentityProviderModel idp = session.identityProviders().getByAlias(a.name());
                Map<String, List<String>> config = new HashMap<>();
                if (idp != null && idp.getConfig() != null) {
                    idp.getConfig().forEach((k, v) -> {
                        if (k != null && v != null) {
                            config.put(k, List.of(v));
                        }
                    });
                }
                yield config;
            }
            case SERVICE_ACCOUNT, ACCOUNT -> Map.of();
        };
    }
}
