package city.iam.review.campaign;

import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ScopeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What a client's service account holds: one grant per role mapped to the service-account user ("client X's
 * service account holds role Y"), read in one query for one client or for every client. The reviewer is the
 * client's owner (see the reviewer chain); the remedy is removing the mapping. The realm's default role, which
 * every account gets, is left out. Roles are looked up once each, however many clients hold them.
 */
final class ServiceAccountRoles {

    private final RealmModel realm;
    private final EntityManager em;
    private final String subjectId;
    private final Map<String, RoleModel> roles = new HashMap<>();
    private final Map<String, String> clientIds = new HashMap<>();

    ServiceAccountRoles(RealmModel realm, EntityManager em, String subjectId) {
        this.realm = realm;
        this.em = em;
        this.subjectId = subjectId;
    }

    /** The selector's client (its uuid as id), or every service account (id "*"). */
    EffectiveAccess.Access access(ReviewDefinition.Selector s) {
        if (s.client() == null) {
            return new EffectiveAccess.Access(ScopeType.SERVICE_ACCOUNT, "*", "service accounts", false, null, s);
        }
        ClientModel client = realm.getClientByClientId(s.client());
        if (client == null || !client.isServiceAccountsEnabled()) {
            return null;
        }
        return new EffectiveAccess.Access(ScopeType.SERVICE_ACCOUNT, client.getId(), client.getClientId(), false, null, s);
    }

    void grants(EffectiveAccess.Access access, Consumer<Grant> sink) {
        boolean one = !"*".equals(access.id());
        TypedQuery<Object[]> q = em.createQuery("select m.user.id, m.user.username, m.user.createdTimestamp, m.roleId, m.user.serviceAccountClientLink"
                + " from UserRoleMappingEntity m where m.user.realmId = :realm and m.user.serviceAccountClientLink is not null"
                + (one ? " and m.user.serviceAccountClientLink = :client" : "") + (subjectId == null ? "" : " and m.user.id = :subject")
                + " order by m.user.id, m.roleId", Object[].class).setParameter("realm", realm.getId());
        if (one) {
            q.setParameter("client", access.id());
        }
        if (subjectId != null) {
            q.setParameter("subject", subjectId);
        }
        String defaultRole = realm.getDefaultRole() == null ? null : realm.getDefaultRole().getId();
        try (Stream<Object[]> rows = q.getResultStream()) {
            rows.forEach(r -> {
                String roleId = (String) r[3];
                RoleModel role = roles.computeIfAbsent(roleId, realm::getRoleById);
                if (role == null || roleId.equals(defaultRole)) {
                    return;
                }
                String client = clientId((String) r[4]);
                sink.accept(new Grant((String) r[0], (String) r[1], EffectiveAccess.created(r[2]), ScopeType.SERVICE_ACCOUNT, roleId,
                        name(role), GrantKind.DIRECT, (String) r[4], "service account of client " + client,
                        "true".equals(role.getFirstAttribute(EffectiveAccess.PRIVILEGED)), role.getFirstAttribute(EffectiveAccess.SENSITIVITY)));
            });
        }
    }

    private String clientId(String uuid) {
        return clientIds.computeIfAbsent(uuid, id -> {
            ClientModel c = realm.getClientById(id);
            return c == null ? id : c.getClientId();
        });
    }

    private String name(RoleModel role) {
        return role.isClientRole() ? clientId(role.getContainerId()) + "/" + role.getName() : role.getName();
    }
}
