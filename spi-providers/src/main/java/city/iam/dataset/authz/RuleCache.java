package city.iam.dataset.authz;

import city.iam.dataset.model.DatasetAttributes;
import city.iam.dataset.policy.AssuranceLevels;
import city.iam.dataset.policy.Dataset;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.keycloak.authorization.model.Resource;
import org.keycloak.models.RealmModel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node's parsed copies of dataset rules and acr maps. Parsing a dataset's attributes was a sixth of the
 * policy's time in a profile of the load test; comparing them with the copy parsed last time is cheaper. The
 * copy is only reused while the attributes are equal, so an edit from any node (which reaches this node
 * through Keycloak's authorization cache) is parsed at the next decision.
 */
public final class RuleCache {

    private static final int LIMIT = 50_000;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** {@code source} is the map the copy was parsed from: Keycloak's cached resources hand out the same one until they change. */
    private record Parsed(String name, Map<String, List<String>> source, Map<String, List<String>> attributes, Dataset dataset) {
    }

    private final Map<String, Parsed> datasets = new ConcurrentHashMap<>();
    private final Map<String, AssuranceLevels> levels = new ConcurrentHashMap<>();

    /** The resource's rules; attributes that do not parse throw, as {@link DatasetAttributes#read} does. */
    public Dataset dataset(Resource resource) {
        Map<String, List<String>> attributes = resource.getAttributes();
        Parsed known = datasets.get(resource.getId());
        if (known != null && known.name().equals(resource.getName())) {
            if (known.source() == attributes) {
                return known.dataset();
            }
            if (known.attributes().equals(attributes)) {
                // Same rules from another map (the first parse read the database's): remember the cache's map.
                datasets.put(resource.getId(), new Parsed(known.name(), attributes, known.attributes(), known.dataset()));
                return known.dataset();
            }
        }
        Dataset dataset = DatasetAttributes.read(resource.getName(), attributes);
        if (datasets.size() >= LIMIT) {
            datasets.clear();
        }
        datasets.put(resource.getId(), new Parsed(resource.getName(), attributes, new HashMap<>(attributes), dataset));
        return dataset;
    }

    /** The realm's {@code acr.loa.map}; an unreadable map knows no names, so minimums given as names fail closed. */
    public AssuranceLevels assurance(RealmModel realm) {
        String map = realm.getAttribute("acr.loa.map");
        if (map == null || map.isBlank()) {
            return AssuranceLevels.NONE;
        }
        if (levels.size() >= 256) {
            levels.clear();
        }
        return levels.computeIfAbsent(map, RuleCache::parseLevels);
    }

    private static AssuranceLevels parseLevels(String json) {
        try {
            return new AssuranceLevels(MAPPER.readValue(json, new TypeReference<Map<String, Integer>>() { }));
        } catch (java.io.IOException e) {
            return AssuranceLevels.NONE;
        }
    }
}
