package city.iam.review.campaign;

import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ScopeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.RealmModel;

import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Whole accounts: the item is the account itself ("should this person still have an account?"), its revocation
 * disables it and ends its sessions. Only enabled people are read (a disabled account has nothing left to
 * review; service accounts are reviewed with their clients), optionally only those whose attribute has a value,
 * in one query.
 */
final class Accounts {

    static final String ACCESS_NAME = "account";

    private final RealmModel realm;
    private final EntityManager em;
    private final String subjectId;

    Accounts(RealmModel realm, EntityManager em, String subjectId) {
        this.realm = realm;
        this.em = em;
        this.subjectId = subjectId;
    }

    EffectiveAccess.Access access(ReviewDefinition.Selector s) {
        String id = s.attribute() == null ? "*" : s.attribute() + "=" + s.value();
        return new EffectiveAccess.Access(ScopeType.ACCOUNT, id, ACCESS_NAME, false, null, s);
    }

    void grants(EffectiveAccess.Access access, Consumer<Grant> sink) {
        ReviewDefinition.Selector s = access.selector();
        boolean filtered = s != null && s.attribute() != null;
        TypedQuery<Object[]> q = em.createQuery("select u.id, u.username, u.createdTimestamp from UserEntity u"
                + " where u.realmId = :realm and u.enabled = true and u.serviceAccountClientLink is null"
                + (filtered ? " and exists (select 1 from UserAttributeEntity a where a.user = u and a.name = :name and a.value = :value)" : "")
                + (subjectId == null ? "" : " and u.id = :subject") + " order by u.id", Object[].class).setParameter("realm", realm.getId());
        if (filtered) {
            q.setParameter("name", s.attribute()).setParameter("value", s.value());
        }
        if (subjectId != null) {
            q.setParameter("subject", subjectId);
        }
        try (Stream<Object[]> rows = q.getResultStream()) {
            // The account is both the subject and the reviewed thing: its id is the access id.
            rows.forEach(r -> sink.accept(new Grant((String) r[0], (String) r[1], EffectiveAccess.created(r[2]), ScopeType.ACCOUNT,
                    (String) r[0], ACCESS_NAME, GrantKind.ACCOUNT, null, filtered ? "account with " + s.attribute() + "=" + s.value() : "account",
                    false, null)));
        }
    }
}
