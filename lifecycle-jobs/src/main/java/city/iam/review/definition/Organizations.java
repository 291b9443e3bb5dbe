package city.iam.review.definition;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.organization.OrganizationProvider;

/**
 * Keycloak's organisation provider for a realm. It reads the realm from the session's context, which a timer's
 * session does not set, so the realm is put there first when missing.
 */
public final class Organizations {

    private Organizations() {
    }

    public static OrganizationProvider of(KeycloakSession session, RealmModel realm) {
        if (session.getContext().getRealm() == null) {
            session.getContext().setRealm(realm);
        }
        return session.getProvider(OrganizationProvider.class);
    }

    /** The organisation with this alias, or null (also when Organizations are off in the realm). */
    public static OrganizationModel byAlias(KeycloakSession session, RealmModel realm, String alias) {
        if (!realm.isOrganizationsEnabled()) {
            return null;
        }
        OrganizationProvider orgs = of(session, realm);
        return orgs == null ? null : orgs.getByAlias(alias);
    }
}
