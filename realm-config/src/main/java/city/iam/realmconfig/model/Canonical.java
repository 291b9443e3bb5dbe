package city.iam.realmconfig.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The one form in which a declared object and a live object are compared: only writable fields of the type,
 * server defaults filled in, sets sorted, instants and certificates in one spelling, empty lists dropped.
 * Whatever the server adds (ids, versions) or a newer server returns beyond the known fields is ignored, so
 * an object the tool wrote compares equal when it is read back.
 */
public final class Canonical {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Canonical() {
    }

    public static ObjectNode of(ObjectType type, JsonNode raw) {
        ObjectNode out = F.objectNode();
        for (Field field : type.fields()) {
            JsonNode v = raw.get(field.name());
            if (field.readOnly() || v == null || v.isNull()) {
                continue;
            }
            JsonNode c = value(field.kind(), v);
            if (c != null) {
                out.set(field.name(), c);
            }
        }
        type.applyDefaults(out);
        return out;
    }

    private static JsonNode value(Kind kind, JsonNode v) {
        switch (kind) {
            case STRING_SET: {
                if (!v.isArray() || v.isEmpty()) {
                    return v.isArray() ? null : v;
                }
                TreeSet<String> sorted = new TreeSet<>();
                v.forEach(e -> sorted.add(e.asText()));
                ArrayNode a = F.arrayNode();
                sorted.forEach(a::add);
                return a;
            }
            case STRING_LIST:
                return v.isArray() && v.isEmpty() ? null : v;
            case INSTANT:
                try {
                    return F.textNode(Instant.parse(v.asText()).toString());
                } catch (RuntimeException e) {
                    return v;
                }
            case DURATION:
                return v;
            case INTEGER:
                // IntNode(5) and LongNode(5) are not equal in Jackson; one width for both sides.
                return v.isIntegralNumber() ? F.numberNode(v.asLong()) : v;
            case DOMAINS: {
                if (!v.isArray() || v.isEmpty()) {
                    return v.isArray() ? null : v;
                }
                TreeMap<String, Boolean> byName = new TreeMap<>();
                v.forEach(d -> byName.put(d.path("name").asText().toLowerCase(java.util.Locale.ROOT), d.path("verified").asBoolean(false)));
                ArrayNode a = F.arrayNode();
                byName.forEach((name, verified) -> a.addObject().put("name", name).put("verified", verified));
                return a;
            }
            case ATTRIBUTES: {
                if (!v.isObject() || v.isEmpty()) {
                    return v.isObject() ? null : v;
                }
                TreeMap<String, List<String>> sorted = new TreeMap<>();
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    List<String> values = new ArrayList<>();
                    e.getValue().forEach(x -> values.add(x.asText()));
                    values.sort(null);
                    sorted.put(e.getKey(), values);
                }
                ObjectNode o = F.objectNode();
                sorted.forEach((k, values) -> {
                    ArrayNode a = o.putArray(k);
                    values.forEach(a::add);
                });
                return o;
            }
            case PEM_CERTIFICATE:
                try {
                    return F.textNode(Certificates.canonicalPem(Certificates.parse(v.asText())));
                } catch (RuntimeException e) {
                    return v;
                }
            default:
                return v;
        }
    }

    /** Whether a text is an ISO-8601 duration the servers accept (days or smaller units). */
    public static boolean isDuration(String text) {
        try {
            Duration.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
