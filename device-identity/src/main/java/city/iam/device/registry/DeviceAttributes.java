package city.iam.device.registry;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What an operator knows about a device beyond its identity — model, site, owner team — as a small flat map of
 * strings. Bounded so that a device row stays small and an attribute never becomes a place for documents.
 */
public final class DeviceAttributes {

    public static final int MAX_ENTRIES = 32;
    public static final int MAX_VALUE = 256;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_.-]{0,63}");

    private DeviceAttributes() {
    }

    /** The attributes of a request body: a JSON object of strings; anything else is refused with the reason. */
    public static SortedMap<String, String> parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw invalid("the body must be a JSON object of attribute names to string values.");
        }
        if (body.size() > MAX_ENTRIES) {
            throw invalid("a device has at most " + MAX_ENTRIES + " attributes.");
        }
        SortedMap<String, String> attributes = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!KEY.matcher(e.getKey()).matches()) {
                throw invalid("attribute name '" + e.getKey() + "' must be lower case letters, digits, '.', '_' or '-', "
                        + "starting with a letter, at most 64 characters.");
            }
            if (!e.getValue().isTextual()) {
                throw invalid("attribute '" + e.getKey() + "' must be a string.");
            }
            String value = e.getValue().asText();
            if (value.isEmpty() || value.length() > MAX_VALUE || value.chars().anyMatch(Character::isISOControl)) {
                throw invalid("attribute '" + e.getKey() + "' must be 1 to " + MAX_VALUE + " printable characters.");
            }
            attributes.put(e.getKey(), value);
        }
        return attributes;
    }

    /** The stored form (sorted JSON object), or null for none. */
    public static String store(SortedMap<String, String> attributes) {
        return attributes.isEmpty() ? null : Json.write(attributes);
    }

    public static SortedMap<String, String> read(String stored) {
        if (stored == null || stored.isBlank()) {
            return Collections.emptySortedMap();
        }
        SortedMap<String, String> attributes = new TreeMap<>();
        Json.tree(stored).fields().forEachRemaining(e -> attributes.put(e.getKey(), e.getValue().asText()));
        return attributes;
    }

    private static CityIamException invalid(String why) {
        return CityIamException.badRequest("invalid_attributes", why);
    }
}
