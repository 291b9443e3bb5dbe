package city.iam.review.campaign;

import city.iam.review.definition.Cadence;
import city.iam.review.definition.Organizations;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ScopeType;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Members of a Keycloak organisation, read in one query. Keycloak keeps membership as membership of the
 * organisation's internal group, with a type: MANAGED members came through the organisation's identity provider
 * (and Keycloak deletes them when they leave), UNMANAGED ones were added. The grant path says which. The
 * sensitivity is the highest class of the datasets the organisation is admitted to ({@link DatasetReach}).
 */
final class OrganizationMembers {

    static final String MANAGED = "MANAGED";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final String subjectId;

    OrganizationMembers(KeycloakSession session, RealmModel realm, EntityManager em, String subjectId) {
        this.session = session;
        this.realm = realm;
        this.em = em;
        this.subjectId = subjectId;
    }

    EffectiveAccess.Access access(ReviewDefinition.Selector s) {
        OrganizationModel org = Organizations.byAlias(session, realm, s.name());
        if (org == null) {
            return null;
        }
        List<String> classes = new ArrayList<>(new DatasetReach(realm, em).classesOf(org.getAlias()));
        List<String> declared = org.getAttributes() == null ? null : org.getAttributes().get(EffectiveAccess.SENSITIVITY);
        if (declared != null) {
            classes.addAll(declared);
        }
        List<String> privileged = org.getAttributes() == null ? null : org.getAttributes().get(EffectiveAccess.PRIVILEGED);
        return new EffectiveAccess.Access(ScopeType.ORGANIZATION, org.getId(), org.getAlias(),
                privileged != null && privileged.contains("true"), Cadence.highest(classes), s);
    }

    void grants(EffectiveAccess.Access access, Consumer<Grant> sink) {
        List<String> groupIds = em.createQuery("select o.groupId from OrganizationEntity o where o.id = :id", String.class)
                .setParameter("id", access.id()).getResultList();
        if (groupIds.isEmpty() || groupIds.get(0) == null) {
            return;
        }
        var q = em.createQuery("select m.user.id, m.user.username, m.user.createdTimestamp, m.membershipType"
                + " from UserGroupMembershipEntity m where m.groupId = :group and m.user.realmId = :realm"
                + " and m.user.serviceAccountClientLink is null" + (subjectId == null ? "" : " and m.user.id = :subject")
                + " order by m.user.id", Object[].class).setParameter("group", groupIds.get(0)).setParameter("realm", realm.getId());
        if (subjectId != null) {
            q.setParameter("subject", subjectId);
        }
        try (Stream<Object[]> rows = q.getResultStream()) {
            rows.forEach(r -> sink.accept(new Grant((String) r[0], (String) r[1], EffectiveAccess.created(r[2]), ScopeType.ORGANIZATION,
                    access.id(), access.name(), GrantKind.MEMBER, null, MANAGED.equals(String.valueOf(r[3])) ? "managed member" : "member",
                    access.privileged(), access.sensitivity())));
        }
    }
}
