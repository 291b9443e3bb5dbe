package city.iam.review.reviewer;

import city.iam.kernel.people.UserRef;
import city.iam.review.definition.ScopeType;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import city.iam.review.definition.Organizations;
import org.keycloak.models.ClientModel;
import org.keycloak.models.GroupModel;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Directory} over Keycloak's model for one launch or stage change. Answers are memoised: a campaign
 * asks about the same managers, owners and groups again and again, and each would otherwise be a query.
 * Attribute values name a user by username or id.
 */
public final class ModelDirectory implements Directory {

    static final int MAX_GROUP_MEMBERS = 50;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Map<String, Optional<UserModel>> users = new HashMap<>();
    private final Map<String, Optional<String>> owners = new HashMap<>();
    private final Map<String, List<String>> groups = new HashMap<>();
    /** attribute → (user id → value) for prefetched users; a user listed with null has no value. */
    private final Map<String, Map<String, String>> prefetched = new HashMap<>();

    public ModelDirectory(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @Override
    public String managerOf(String userId, String attribute) {
        Map<String, String> known = prefetched.get(attribute);
        if (known != null && known.containsKey(userId)) {
            return userId(known.get(userId));
        }
        return user(userId).map(u -> u.getFirstAttribute(attribute)).map(this::userId).orElse(null);
    }

    /**
     * Reads the attribute of a batch of local users in one query instead of loading each user: a launch over
     * 100 000 people would otherwise load every one of them. Users of a federation provider are left out, since
     * their attributes may live in the directory, not in Keycloak's tables; they go through the model. Answers are
     * kept for the directory's life (one launch): a scope of five roles walks the same people five times.
     */
    @Override
    public void prefetch(Collection<String> userIds, String attribute) {
        Map<String, String> values = prefetched.computeIfAbsent(attribute, a -> new HashMap<>());
        List<String> unknown = userIds.stream().filter(id -> !values.containsKey(id)).toList();
        if (unknown.isEmpty()) {
            return;
        }
        em().createQuery("select u.id from UserEntity u where u.id in :ids and u.federationLink is null", String.class)
                .setParameter("ids", unknown).getResultStream().forEach(id -> values.put(id, null));
        em().createQuery("select a.user.id, a.value from UserAttributeEntity a where a.user.id in :ids and a.name = :name"
                        + " and a.user.federationLink is null", Object[].class)
                .setParameter("ids", unknown).setParameter("name", attribute).getResultStream()
                .forEach(r -> values.putIfAbsent((String) r[0], (String) r[1]));
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    @Override
    public String ownerOf(ScopeType type, String accessId, String attribute) {
        return owners.computeIfAbsent(type + ":" + accessId + ":" + attribute, k -> {
            String value = switch (type) {
                case GROUP -> {
                    GroupModel g = session.groups().getGroupById(realm, accessId);
                    yield g == null ? null : g.getFirstAttribute(attribute);
                }
                case ORGANIZATION -> {
                    OrganizationModel o = realm.isOrganizationsEnabled() ? Organizations.of(session, realm).getById(accessId) : null;
                    List<String> values = o == null || o.getAttributes() == null ? null : o.getAttributes().get(attribute);
                    yield values == null || values.isEmpty() ? null : values.get(0);
                }
                case IDP_LINK -> {
                    IdentityProviderModel idp = session.identityProviders().getById(accessId);
                    yield idp == null || idp.getConfig() == null ? null : idp.getConfig().get(attribute);
                }
                case ACCOUNT -> null;
                default -> {
                    RoleModel r = realm.getRoleById(accessId);
                    yield r == null ? null : r.getFirstAttribute(attribute);
                }
            };
            return Optional.ofNullable(value == null ? null : userId(value));
        }).orElse(null);
    }

    @Override
    public String clientOwnerOf(String serviceAccountUserId, String attribute) {
        return user(serviceAccountUserId).map(UserModel::getServiceAccountClientLink).map(id -> owners.computeIfAbsent(
                "client:" + id + ":" + attribute, k -> {
                    ClientModel c = realm.getClientById(id);
                    String value = c == null ? null : c.getAttribute(attribute);
                    return Optional.ofNullable(value == null ? null : userId(value));
                })).flatMap(o -> o).orElse(null);
    }

    @Override
    public List<String> users(List<String> usernames) {
        List<String> out = new ArrayList<>();
        for (String name : usernames) {
            String id = userId(name);
            if (id != null) {
                out.add(id);
            }
        }
        return out;
    }

    @Override
    public List<String> groupMembers(String path) {
        return groups.computeIfAbsent(path, p -> {
            GroupModel g = KeycloakModelUtils.findGroupByPath(session, realm, p);
            return g == null ? List.of() : session.users().getGroupMembersStream(realm, g, 0, MAX_GROUP_MEMBERS)
                    .map(UserModel::getId).sorted().toList();
        });
    }

    @Override
    public String userId(String usernameOrId) {
        if (usernameOrId == null || usernameOrId.isBlank()) {
            return null;
        }
        return users.computeIfAbsent("name:" + usernameOrId, k -> Optional.ofNullable(UserRef.find(session, realm, usernameOrId)))
                .map(UserModel::getId).orElse(null);
    }

    @Override
    public boolean active(String userId) {
        return user(userId).map(UserModel::isEnabled).orElse(false);
    }

    private Optional<UserModel> user(String id) {
        return users.computeIfAbsent("id:" + id, k -> Optional.ofNullable(session.users().getUserById(realm, id)));
    }
}
