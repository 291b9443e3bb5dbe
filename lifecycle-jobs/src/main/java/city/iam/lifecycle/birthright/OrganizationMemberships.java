package city.iam.lifecycle.birthright;

import jakarta.persistence.EntityManager;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which of the named organisations each user of a batch belongs to, in one query. Keycloak keeps organisation
 * membership as membership of the organisation's internal group (managed and unmanaged members alike), so a
 * member who leaves, or is removed with the organisation, simply stops showing here.
 */
final class OrganizationMemberships {

    private OrganizationMemberships() {
    }

    /** User id → aliases of the organisations in {@code aliases} they are a member of (absent: none). */
    static Map<String, Set<String>> of(EntityManager em, String realmId, List<String> userIds, Set<String> aliases) {
        if (aliases.isEmpty() || userIds.isEmpty()) {
            return Map.of();
        }
        Map<String, Set<String>> out = new HashMap<>();
        em.createQuery("select m.user.id, o.alias from UserGroupMembershipEntity m, OrganizationEntity o"
                        + " where o.groupId = m.groupId and o.realmId = :realm and o.alias in :aliases and m.user.id in :ids", Object[].class)
                .setParameter("realm", realmId).setParameter("aliases", aliases).setParameter("ids", userIds)
                .getResultStream().forEach(r -> out.computeIfAbsent((String) r[0], k -> new HashSet<>()).add((String) r[1]));
        return out;
    }
}
