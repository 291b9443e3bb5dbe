package city.iam.lifecycle.birthright;

import city.iam.kernel.people.UserRef;
import city.iam.lifecycle.account.UserAttributes;
import city.iam.lifecycle.jpa.MoverStateEntity;
import jakarta.persistence.EntityManager;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Notices a change of manager, which Keycloak records nowhere: compares each user's {@code manager} attribute with
 * the one last seen ({@link MoverStateEntity}) and keeps the new one. The first sighting is a baseline, not a
 * move; a manager removed is forgotten, not a move either (there is nobody to review for).
 */
final class ManagerWatch {

    private ManagerWatch() {
    }

    /** Users of the batch whose manager changed since the last look: user id → the previous manager. */
    static Map<String, String> changes(EntityManager em, String realmId, List<String> ids, Map<String, Map<String, List<String>>> attributes,
                                       long now) {
        Map<String, MoverStateEntity> seen = new HashMap<>();
        em.createQuery("select m from MoverStateEntity m where m.userId in :ids", MoverStateEntity.class).setParameter("ids", ids)
                .getResultStream().forEach(m -> seen.put(m.getUserId(), m));
        Map<String, String> changed = new HashMap<>();
        for (String id : ids) {
            String value = UserAttributes.first(attributes, id, UserRef.MANAGER);
            String current = value == null || value.isBlank() ? null : value.trim();
            MoverStateEntity last = seen.get(id);
            if (current == null) {
                if (last != null) {
                    em.remove(last);
                }
            } else if (last == null) {
                MoverStateEntity m = new MoverStateEntity();
                m.setUserId(id);
                m.setRealmId(realmId);
                m.setManager(current);
                m.setSeenAt(now);
                em.persist(m);
            } else if (!last.getManager().equals(current)) {
                changed.put(id, last.getManager());
                last.setManager(current);
                last.setSeenAt(now);
            }
        }
        return changed;
    }
}
