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
        // Defaults go in before the fields are canonicalised, so nested defaults (a stage's advance_on, a
        // reviewer's attribute) are filled in exactly where the server fills them in.
        ObjectNode withDefaults = raw.isObject() ? ((ObjectNode) raw).deepCopy() : F.objectNode();
        type.applyDefaults(withDefaults);
        return object(type.fields(), withDefaults, true);
    }

    /**
     * The canonical form of an object with these fields. Empty lists are dropped at the top level (the servers
     * treat them as absent); inside nested objects they are kept, because there an empty list can mean something
     * other than the default (a stage that advances on nothing).
     */
    private static ObjectNode object(List<Field> fields, JsonNode raw, boolean top) {
        ObjectNode out = F.objectNode();
        for (Field field : fields) {
            JsonNode v = raw.get(field.name());
            if (field.readOnly() || v == null || v.isNull()) {
                continue;
            }
            JsonNode c = value(field, v);
            if (c != null && !(top && c.isContainerNode() && c.isEmpty())) {
                out.set(field.name(), c);
            }
        }
        return out;
    }

    private static JsonNode value(Field field, JsonNode v) {
        switch (field.kind()) {
            case OBJECT:
                return v.isObject() ? object(field.members(), v, false) : v;
            case OBJECT_LIST: {
                if (!v.isArray()) {
                    return v;
                }
                ArrayNode a = F.arrayNode();
                v.forEach(e -> a.add(e.isObject() ? object(field.members(), e, false) : e));
                return a;
            }
            case OBJECT_MAP: {
                if (!v.isObject()) {
                    return v;
                }
                ObjectNode o = F.objectNode();
                new TreeMap<>(fields(v)).forEach((k, e) -> o.set(k, e.isObject() ? object(field.members(), e, false) : e));
                return o;
            }
            case STRING_MAP: {
                if (!v.isObject()) {
                    return v;
                }
                ObjectNode o = F.objectNode();
                new TreeMap<>(fields(v)).forEach(o::set);
                return o;
            }
            case STRING_SET: {
                if (!v.isArray() || v.isEmpty()) {
                    return v;
                }
                TreeSet<String> sorted = new TreeSet<>();
                v.forEach(e -> sorted.add(e.asText()));
                ArrayNode a = F.arrayNode();
                sorted.forEach(a::add);
                return a;
            }
            case STRING_LIST:
                return v;
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
                    return v;
                }
                TreeMap<String, Boolean> byName = new TreeMap<>();
                v.forEach(d -> byName.put(d.path("name").asText().toLowerCase(java.util.Locale.ROOT), d.path("verified").asBoolean(false)));
                ArrayNode a = F.arrayNode();
                byName.forEach((name, verified) -> a.addObject().put("name", name).put("verified", verified));
                return a;
            }
            case ATTRIBUTES:
            case ATTRIBUTE_MATCH: {
                if (!v.isObject() || v.isEmpty()) {
                    return v;
                }
                TreeMap<String, List<String>> sorted = new TreeMap<>();
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    List<String> read = new ArrayList<>();
                    if (e.getValue().isTextual()) {
                        read.add(e.getValue().asText());
                    } else {
                        e.getValue().forEach(x -> read.add(x.asText()));
                    }
                    // A filter's match is a set of values: the server drops repeats.
                    List<String> values = field.kind() == Kind.ATTRIBUTE_MATCH ? new ArrayList<>(new java.util.TreeSet<>(read)) : read;
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

    private static Map<String, JsonNode> fields(JsonNode object) {
        Map<String, JsonNode> m = new java.util.LinkedHashMap<>();
        object.properties().forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }

    /**
     * A duration in the server's spelling ({@code Duration.toString()}: {@code P7D} is stored as {@code PT168H}),
     * for the types whose server re-spells durations; an unparsable text is left for validation to report.
     */
    public static void respellDuration(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v != null && v.isTextual() && isDuration(v.asText())) {
            o.put(field, Duration.parse(v.asText()).toString());
        }
    }

    /** Whether a text is an ISO-8601 duration longer than zero. */
    public static boolean isPositiveDuration(String text) {
        return isDuration(text) && !Duration.parse(text).isNegative() && !Duration.parse(text).isZero();
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
