package city.iam.review.campaign;

import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ScopeType;
import jakarta.persistence.EntityManager;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Accounts linked to an identity provider (federated identities), read in one query. The reviewed thing is the
 * link: while it exists, the person can sign in through that provider. The grant path names the account at the
 * provider.
 */
final class IdpLinks {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final String subjectId;

    IdpLinks(KeycloakSession session, RealmModel realm, EntityManager em, String subjectId) {
        this.session = session;
        this.realm = realm;
        this.em = em;
        this.subjectId = subjectId;
    }

    EffectiveAccess.Access access(ReviewDefinition.Selector s) {
        IdentityProviderModel idp = session.identityProviders().getByAlias(s.name());
        if (idp == null) {
            return null;
        }
        Map<String, String> config = idp.getConfig() == null ? Map.of() : idp.getConfig();
        return new EffectiveAccess.Access(ScopeType.IDP_LINK, idp.getInternalId(), idp.getAlias(),
                "true".equals(config.get(EffectiveAccess.PRIVILEGED)), config.get(EffectiveAccess.SENSITIVITY), s);
    }

    void grants(EffectiveAccess.Access access, Consumer<Grant> sink) {
        var q = em.createQuery("select f.user.id, f.user.username, f.user.createdTimestamp, f.userName from FederatedIdentityEntity f"
                        + " where f.identityProvider = :alias and f.realmId = :realm" + (subjectId == null ? "" : " and f.user.id = :subject")
                        + " order by f.user.id", Object[].class)
                .setParameter("alias", access.name()).setParameter("realm", realm.getId());
        if (subjectId != null) {
            q.setParameter("subject", subjectId);
        }
        try (Stream<Object[]> rows = q.getResultStream()) {
            rows.forEach(r -> sink.accept(new Grant((String) r[0], (String) r[1], EffectiveAccess.created(r[2]), ScopeType.IDP_LINK,
                    access.id(), access.name(), GrantKind.LINK, null, "linked as " + r[3] + " at " + access.name(),
                    access.privileged(), access.sensitivity())));
        }
    }
}
