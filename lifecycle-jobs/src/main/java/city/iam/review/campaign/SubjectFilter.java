package city.iam.review.campaign;

import city.iam.review.definition.ScopeFilters;
import jakarta.persistence.EntityManager;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The holder half of {@code scope.filters}, applied to a batch of grants: one query for the attributes the
 * filter names (only those), the guest lookup's two queries when guests or members are asked for, and the last
 * sign-ins the walk already read for the batch. No {@code UserModel} is loaded: creation time travels with the
 * grant. Attributes are Keycloak's stored user attributes (those of a federated user store are not seen).
 */
final class SubjectFilter {

    private final EntityManager em;
    private final ScopeFilters filters;
    private final GuestLookup guests;

    SubjectFilter(RealmModel realm, EntityManager em, ScopeFilters filters) {
        this.em = em;
        this.filters = filters;
        this.guests = new GuestLookup(realm, em);
    }

    ScopeFilters filters() {
        return filters;
    }

    /** The grants whose holders pass at {@code now}, in their order; {@code lastAuth} holds the batch's sign-ins (absent: never). */
    List<Grant> keep(List<Grant> batch, Map<String, Long> lastAuth, long now) {
        List<String> people = batch.stream().map(Grant::userId).distinct().toList();
        Map<String, Map<String, List<String>>> attributes = filters.subjectAttributes().isEmpty() ? Map.of() : attributes(people);
        Set<String> guest = filters.needsGuests() ? guests.among(people) : Set.of();
        Map<String, Boolean> passes = new HashMap<>();
        List<Grant> out = new ArrayList<>(batch.size());
        for (Grant g : batch) {
            if (passes.computeIfAbsent(g.userId(), id -> filters.matchesSubject(new ScopeFilters.Subject(attributes.getOrDefault(id, Map.of()),
                    lastAuth.get(id), g.userCreatedAt(), guest.contains(id)), now))) {
                out.add(g);
            }
        }
        return out;
    }

    private Map<String, Map<String, List<String>>> attributes(Collection<String> people) {
        Map<String, Map<String, List<String>>> out = new HashMap<>();
        for (Object[] r : em.createQuery("select a.user.id, a.name, a.value, a.longValue from UserAttributeEntity a"
                        + " where a.user.id in :ids and a.name in :names", Object[].class)
                .setParameter("ids", people).setParameter("names", filters.subjectAttributes().keySet()).getResultList()) {
            // Keycloak keeps values longer than its column in longValue.
            String value = r[3] != null ? (String) r[3] : (String) r[2];
            out.computeIfAbsent((String) r[0], k -> new HashMap<>()).computeIfAbsent((String) r[1], k -> new ArrayList<>()).add(value);
        }
        return out;
    }
}
