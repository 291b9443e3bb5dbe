package city.iam.lifecycle.account;

import jakarta.persistence.EntityManager;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Some attributes of a batch of users in one query on Keycloak's attribute table, instead of loading each user:
 * user id → attribute name → values. Users without any of the names are absent. Only what Keycloak stores
 * (federated users' attributes that live in their directory are not seen).
 */
public final class UserAttributes {

    private UserAttributes() {
    }

    public static Map<String, Map<String, List<String>>> of(EntityManager em, Collection<String> ids, Collection<String> names) {
        Map<String, Map<String, List<String>>> out = new HashMap<>();
        if (ids.isEmpty() || names.isEmpty()) {
            return out;
        }
        em.createQuery("select a.user.id, a.name, a.value from UserAttributeEntity a where a.user.id in :ids and a.name in :names", Object[].class)
                .setParameter("ids", ids).setParameter("names", List.copyOf(names)).getResultStream()
                .forEach(r -> out.computeIfAbsent((String) r[0], k -> new HashMap<>())
                        .computeIfAbsent((String) r[1], k -> new ArrayList<>()).add((String) r[2]));
        return out;
    }

    /** The first value of {@code name} in what {@link #of} answered for a user, or null. */
    public static String first(Map<String, Map<String, List<String>>> attributes, String userId, String name) {
        List<String> values = attributes.getOrDefault(userId, Map.of()).get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
