package city.iam.review.campaign;

import city.iam.kernel.people.UserRef;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ScopeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Who holds an access and how, read set-wise from Keycloak's tables: a few queries per selector however many
 * users there are (never a loop over users asking each for its roles). For a role: the roles that imply it
 * (composites, transitively), users mapped to any of them, and members of groups (or their subgroups) mapped to
 * any of them. For a group: its members and its subgroups' members. Service-account users are left out; their
 * access is reviewed with their clients ({@link ServiceAccountRoles}). Organisations, identity-provider links and
 * whole accounts have their own readers. Rows are streamed in a stable order so the snapshot hash is repeatable.
 */
public final class EffectiveAccess {

    public static final String PRIVILEGED = UserRef.PRIVILEGED;
    /** Role, group or client attribute naming the highest dataset class the access reaches. */
    public static final String SENSITIVITY = "city-iam.sensitivity";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final Map<String, String> groupPaths = new HashMap<>();
    private final String subjectId;

    public EffectiveAccess(KeycloakSession session, RealmModel realm, EntityManager em) {
        this(session, realm, em, null);
    }

    /** Grants of one user only when {@code subjectId} is set (a mover's micro-review), else of everyone. */
    public EffectiveAccess(KeycloakSession session, RealmModel realm, EntityManager em, String subjectId) {
        this.session = session;
        this.realm = realm;
        this.em = em;
        this.subjectId = subjectId;
    }

    /**
     * The access a selector names, or null when it no longer exists. {@code selector} is kept for the readers
     * that need more than the id (the account filter).
     */
    public record Access(ScopeType type, String id, String name, boolean privileged, String sensitivity, ReviewDefinition.Selector selector) {
        public Access(ScopeType type, String id, String name, boolean privileged) {
            this(type, id, name, privileged, null, null);
        }
    }

    public Access access(ReviewDefinition.Selector s) {
        return switch (s.type()) {
            case ORGANIZATION -> new OrganizationMembers(session, realm, em, subjectId).access(s);
            case IDP_LINK -> new IdpLinks(session, realm, em, subjectId).access(s);
            case SERVICE_ACCOUNT -> new ServiceAccountRoles(realm, em, subjectId).access(s);
            case ACCOUNT -> new Accounts(realm, em, subjectId).access(s);
            case REALM_ROLE -> role(ScopeType.REALM_ROLE, realm.getRole(s.name()), s.name());
            case CLIENT_ROLE -> {
                ClientModel client = realm.getClientByClientId(s.client());
                yield client == null ? null : role(ScopeType.CLIENT_ROLE, client.getRole(s.name()), s.client() + "/" + s.name());
            }
            case GROUP -> {
                GroupModel g = KeycloakModelUtils.findGroupByPath(session, realm, s.path());
                yield g == null ? null : new Access(ScopeType.GROUP, g.getId(), s.path(), "true".equals(g.getFirstAttribute(PRIVILEGED)),
                        g.getFirstAttribute(SENSITIVITY), s);
            }
        };
    }

    private static Access role(ScopeType type, RoleModel role, String name) {
        return role == null ? null : new Access(type, role.getId(), name, "true".equals(role.getFirstAttribute(PRIVILEGED)),
                role.getFirstAttribute(SENSITIVITY), null);
    }

    /** Hands every grant of the access to {@code sink}, in a stable order. */
    public void grants(Access access, Consumer<Grant> sink) {
        switch (access.type()) {
            case GROUP -> groupGrants(access, sink);
            case ORGANIZATION -> new OrganizationMembers(session, realm, em, subjectId).grants(access, sink);
            case IDP_LINK -> new IdpLinks(session, realm, em, subjectId).grants(access, sink);
            case SERVICE_ACCOUNT -> new ServiceAccountRoles(realm, em, subjectId).grants(access, sink);
            case ACCOUNT -> new Accounts(realm, em, subjectId).grants(access, sink);
            default -> roleGrants(access, sink);
        }
    }

    private void roleGrants(Access access, Consumer<Grant> sink) {
        Map<String, String> implying = implyingRoles(access.id());
        try (Stream<Object[]> rows = bySubject(em.createQuery("select m.user.id, m.user.username, m.user.createdTimestamp, m.roleId"
                        + " from UserRoleMappingEntity m where m.roleId in :roles and m.user.realmId = :realm"
                        + " and m.user.serviceAccountClientLink is null" + subjectFilter() + " order by m.user.id, m.roleId", Object[].class)
                .setParameter("roles", implying.keySet()).setParameter("realm", realm.getId())).getResultStream()) {
            rows.forEach(r -> {
                String roleId = (String) r[3];
                boolean direct = roleId.equals(access.id());
                sink.accept(new Grant((String) r[0], (String) r[1], created(r[2]), access.type(), access.id(), access.name(),
                        direct ? GrantKind.DIRECT : GrantKind.COMPOSITE, direct ? null : roleId,
                        direct ? "direct" : "composite role " + implying.get(roleId), access.privileged(), access.sensitivity()));
            });
        }
        // Groups mapped to any implying role, then every group below them (subgroups inherit their parents' roles).
        Map<String, String> grantingGroups = new LinkedHashMap<>();
        for (Object[] r : em.createQuery("select g.group.id, g.roleId from GroupRoleMappingEntity g where g.roleId in :roles"
                        + " order by g.group.id, g.roleId", Object[].class)
                .setParameter("roles", implying.keySet()).getResultList()) {
            grantingGroups.putIfAbsent((String) r[0], (String) r[1]);
        }
        if (grantingGroups.isEmpty()) {
            return;
        }
        Map<String, String> holders = withDescendants(grantingGroups.keySet());
        members(holders.keySet(), r -> {
            String groupId = (String) r[3];
            String root = holders.get(groupId);
            String roleId = grantingGroups.get(root);
            String path = "group " + path(groupId) + (root.equals(groupId) ? "" : " (inherits from " + path(root) + ")")
                    + (roleId.equals(access.id()) ? "" : " through composite role " + implying.get(roleId));
            sink.accept(new Grant((String) r[0], (String) r[1], created(r[2]), access.type(), access.id(), access.name(),
                    GrantKind.GROUP, groupId, path, access.privileged(), access.sensitivity()));
        });
    }

    private void groupGrants(Access access, Consumer<Grant> sink) {
        Map<String, String> holders = withDescendants(List.of(access.id()));
        members(holders.keySet(), r -> {
            String groupId = (String) r[3];
            boolean self = groupId.equals(access.id());
            sink.accept(new Grant((String) r[0], (String) r[1], created(r[2]), ScopeType.GROUP, access.id(), access.name(),
                    self ? GrantKind.MEMBER : GrantKind.SUBGROUP, self ? null : groupId,
                    self ? "member" : "member of subgroup " + path(groupId), access.privileged(), access.sensitivity()));
        });
    }

    private void members(Collection<String> groupIds, Consumer<Object[]> sink) {
        try (Stream<Object[]> rows = bySubject(em.createQuery("select m.user.id, m.user.username, m.user.createdTimestamp, m.groupId"
                        + " from UserGroupMembershipEntity m where m.groupId in :groups and m.user.realmId = :realm"
                        + " and m.user.serviceAccountClientLink is null" + subjectFilter() + " order by m.user.id, m.groupId", Object[].class)
                .setParameter("groups", groupIds).setParameter("realm", realm.getId())).getResultStream()) {
            rows.forEach(sink);
        }
    }

    /** The role and every composite role that contains it, directly or through other composites: id → name. */
    Map<String, String> implyingRoles(String roleId) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(roleId, null);
        List<String> frontier = List.of(roleId);
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (Object[] r : em.createQuery("select c.parentRole.id, c.parentRole.name, c.parentRole.clientId from CompositeRoleEntity c"
                            + " where c.childRole.id in :ids", Object[].class).setParameter("ids", frontier).getResultList()) {
                String id = (String) r[0];
                if (!out.containsKey(id)) {
                    out.put(id, r[2] == null ? (String) r[1] : clientId((String) r[2]) + "/" + r[1]);
                    next.add(id);
                }
            }
            frontier = next;
        }
        return out;
    }

    /** Each group and all groups below it, mapped to the given group it descends from. */
    Map<String, String> withDescendants(Collection<String> roots) {
        Map<String, String> out = new LinkedHashMap<>();
        roots.forEach(r -> out.put(r, r));
        List<String> frontier = new ArrayList<>(roots);
        while (!frontier.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (Object[] r : em.createQuery("select g.id, g.parentId from GroupEntity g where g.parentId in :ids", Object[].class)
                    .setParameter("ids", frontier).getResultList()) {
                if (out.putIfAbsent((String) r[0], out.get((String) r[1])) == null) {
                    next.add((String) r[0]);
                }
            }
            frontier = next;
        }
        return out;
    }

    private String subjectFilter() {
        return subjectId == null ? "" : " and m.user.id = :subject";
    }

    private <T> TypedQuery<T> bySubject(TypedQuery<T> query) {
        return subjectId == null ? query : query.setParameter("subject", subjectId);
    }

    public String path(String groupId) {
        return groupPaths.computeIfAbsent(groupId, id -> {
            GroupModel g = session.groups().getGroupById(realm, id);
            return g == null ? id : KeycloakModelUtils.buildGroupPath(g);
        });
    }

    private String clientId(String clientUuid) {
        ClientModel c = realm.getClientById(clientUuid);
        return c == null ? clientUuid : c.getClientId();
    }

    static long created(Object value) {
        return value == null ? 0L : (Long) value;
    }
}
