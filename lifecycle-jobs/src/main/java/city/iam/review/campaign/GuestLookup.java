package city.iam.review.campaign;

import jakarta.persistence.EntityManager;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what {@link Guests} decides on, set-wise: the city's own organisations and identity providers once per
 * walk, then per batch of people one query for their identity-provider links and one for their organisation
 * memberships (Keycloak keeps those as membership of the organisation's internal group).
 */
final class GuestLookup {

    private final RealmModel realm;
    private final EntityManager em;
    private Set<String> cityOrganizations;
    private Set<String> cityProviders;

    GuestLookup(RealmModel realm, EntityManager em) {
        this.realm = realm;
        this.em = em;
    }

    /** The guests among these people (at most {@link SnapshotWalk#BATCH}, so the IN lists stay short). */
    Set<String> among(Collection<String> userIds) {
        Set<String> out = new HashSet<>();
        if (userIds.isEmpty()) {
            return out;
        }
        city();
        Map<String, List<String>> links = new HashMap<>();
        for (Object[] r : em.createQuery("select f.user.id, f.identityProvider from FederatedIdentityEntity f where f.user.id in :ids",
                Object[].class).setParameter("ids", userIds).getResultList()) {
            links.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        Map<String, List<String>> orgs = new HashMap<>();
        for (Object[] r : em.createQuery("select m.user.id, o.id from UserGroupMembershipEntity m, OrganizationEntity o"
                        + " where o.groupId = m.groupId and o.realmId = :realm and m.user.id in :ids", Object[].class)
                .setParameter("realm", realm.getId()).setParameter("ids", userIds).getResultList()) {
            orgs.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        for (String id : userIds) {
            if (Guests.guest(links.getOrDefault(id, List.of()), orgs.getOrDefault(id, List.of()), cityProviders, cityOrganizations)) {
                out.add(id);
            }
        }
        return out;
    }

    /**
     * The city's own organisations (those the realm names in {@link CityOrganizations}, else those of the city's
     * stakeholder type) and the identity providers linked to them.
     */
    private void city() {
        if (cityOrganizations != null) {
            return;
        }
        Map<String, String> orgByGroup = new HashMap<>();
        for (Object[] r : em.createQuery("select o.id, o.groupId from OrganizationEntity o where o.realmId = :realm", Object[].class)
                .setParameter("realm", realm.getId()).getResultList()) {
            orgByGroup.put((String) r[1], (String) r[0]);
        }
        Set<String> orgs = new HashSet<>();
        Set<String> aliases = CityOrganizations.aliases(realm);
        if (aliases != null) {
            // Named by the realm's review-guests policy: those organisations, whatever their attributes.
            orgs.addAll(em.createQuery("select o.id from OrganizationEntity o where o.realmId = :realm and o.alias in :aliases", String.class)
                    .setParameter("realm", realm.getId()).setParameter("aliases", aliases).getResultList());
        } else if (!orgByGroup.isEmpty()) {
            // An organisation's attributes are its internal group's; only the city type is read, not every attribute.
            for (String groupId : em.createQuery("select a.group.id from GroupAttributeEntity a where a.name = :name and a.value = :city"
                            + " and a.group.id in (select o.groupId from OrganizationEntity o where o.realmId = :realm)", String.class)
                    .setParameter("name", Guests.STAKEHOLDER_TYPE).setParameter("city", Guests.CITY).setParameter("realm", realm.getId())
                    .getResultList()) {
                if (orgByGroup.containsKey(groupId)) {
                    orgs.add(orgByGroup.get(groupId));
                }
            }
        }
        Set<String> providers = new HashSet<>();
        if (!orgs.isEmpty()) {
            providers.addAll(em.createQuery("select i.alias from IdentityProviderEntity i where i.realmId = :realm and i.organizationId in :orgs",
                    String.class).setParameter("realm", realm.getId()).setParameter("orgs", orgs).getResultList());
        }
        cityOrganizations = Set.copyOf(orgs);
        cityProviders = Set.copyOf(providers);
    }
}
