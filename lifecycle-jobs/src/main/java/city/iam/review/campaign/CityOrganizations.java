package city.iam.review.campaign;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.settings.RealmSettings;
import city.iam.lifecycle.settings.Setting;
import city.iam.lifecycle.settings.SettingsPolicy;
import city.iam.review.definition.Organizations;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which organisations are the city's own for the reviews' {@code subjects} filter ({@link Guests}): realm attribute
 * {@code city-iam.review.city-organizations}, also the policy document {@code /lifecycle/policies/review-guests}
 * ({@code {"city_organizations": ["city", "water-board"]}}, organisation aliases). Unset, the rule is the reference
 * realm's: organisations whose {@code stakeholderType} includes {@code city-dept}. A realm whose own departments
 * carry another type, or none, names them here. An alias must name an existing organisation when it is set; one
 * deleted afterwards simply matches nothing.
 */
public final class CityOrganizations {

    static final Setting<Set<String>> ALIASES = Setting.names("city_organizations", "review.city-organizations", null);

    public static final SettingsPolicy POLICY = new SettingsPolicy("review-guests", List.of(ALIASES), CityOrganizations::check);

    private CityOrganizations() {
    }

    /** The configured aliases, or null for the default rule. */
    static Set<String> aliases(RealmModel realm) {
        return ALIASES.read(RealmSettings.of(realm));
    }

    private static void check(KeycloakSession session, RealmModel realm, Map<String, String> values) {
        String stored = values.get(ALIASES.key());
        if (stored == null) {
            return;
        }
        if (!realm.isOrganizationsEnabled()) {
            throw CityIamException.badRequest("organizations_disabled", "Organizations are not enabled in this realm; city_organizations names none.");
        }
        for (String alias : stored.split(",")) {
            if (Organizations.byAlias(session, realm, alias) == null) {
                throw CityIamException.badRequest("unknown_organization", "city_organizations names '" + alias + "', which is no organization of this realm.");
            }
        }
    }
}
