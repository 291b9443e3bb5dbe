package city.iam.review.campaign;

import city.iam.kernel.settings.RealmSettings;
import jakarta.persistence.EntityManager;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dataset classes an organisation's members reach, read from the datasets' Authorization Services
 * resources: a dataset admits its owner organisation and its allowed organisations (resource attributes
 * {@code ownerOrganization}, {@code allowedOrganizations}) and carries its class in {@code sensitivity}. The
 * dataset module writes these; reviews only read them, so neither module depends on the other. One query over
 * all datasets of the realm's resource server.
 */
final class DatasetReach {

    static final String TYPE = "urn:city-iam:dataset";
    static final String DEFAULT_RESOURCE_SERVER = "city-data-platform";

    private final RealmModel realm;
    private final EntityManager em;

    DatasetReach(RealmModel realm, EntityManager em) {
        this.realm = realm;
        this.em = em;
    }

    /** The classes of every dataset that admits the organisation with this alias. */
    List<String> classesOf(String alias) {
        ClientModel server = realm.getClientByClientId(resourceServerClientId());
        if (server == null) {
            return List.of();
        }
        Map<String, String> sensitivity = new HashMap<>();
        Map<String, List<String>> admitted = new HashMap<>();
        for (Object[] r : em.createQuery("select a.resource.id, a.name, a.value from ResourceAttributeEntity a"
                        + " where a.resource.resourceServer = :server and a.resource.type = :type"
                        + " and a.name in ('sensitivity', 'ownerOrganization', 'allowedOrganizations')", Object[].class)
                .setParameter("server", server.getId()).setParameter("type", TYPE).getResultList()) {
            String resource = (String) r[0];
            if ("sensitivity".equals(r[1])) {
                sensitivity.put(resource, (String) r[2]);
            } else {
                admitted.computeIfAbsent(resource, k -> new ArrayList<>()).add((String) r[2]);
            }
        }
        List<String> out = new ArrayList<>();
        admitted.forEach((resource, orgs) -> {
            if (orgs.contains(alias) && sensitivity.containsKey(resource)) {
                out.add(sensitivity.get(resource));
            }
        });
        return out;
    }

    private String resourceServerClientId() {
        return RealmSettings.of(realm).string("datasets.resource-server", DEFAULT_RESOURCE_SERVER);
    }
}
