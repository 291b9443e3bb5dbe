package city.iam.kernel.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;

/**
 * Canonical JSON in the spirit of RFC 8785 for the values we hash: object keys sorted by code point, no
 * insignificant white space, UTF-8. Audit payloads carry strings, integers, booleans, nulls, arrays and
 * objects only, so the number rules of RFC 8785 reduce to integer formatting; floating point is refused
 * rather than risk two renderings of one value.
 */
public final class CanonicalJson {

    private CanonicalJson() {
    }

    public static String of(Object value) {
        JsonNode node = value instanceof JsonNode n ? n : Json.MAPPER.valueToTree(value);
        StringBuilder out = new StringBuilder();
        write(node == null ? JsonNodeFactory.instance.nullNode() : node, out);
        return out.toString();
    }

    public static byte[] bytes(Object value) {
        return of(value).getBytes(StandardCharsets.UTF_8);
    }

    /** Re-renders an already stored JSON text canonically (used when verifying). */
    public static String normalise(String json) {
        return of(Json.tree(json));
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> writeObject((ObjectNode) node, out);
            case ARRAY -> writeArray((ArrayNode) node, out);
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> {
                if (!node.isIntegralNumber()) {
                    throw new IllegalArgumentException("canonical JSON here carries integers only, got " + node);
                }
                out.append(node.bigIntegerValue().toString());
            }
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL, MISSING -> out.append("null");
            default -> throw new IllegalArgumentException("unsupported JSON node " + node.getNodeType());
        }
    }

    private static void writeObject(ObjectNode node, StringBuilder out) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        Collections.sort(names);
        out.append('{');
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            writeString(names.get(i), out);
            out.append(':');
            write(node.get(names.get(i)), out);
        }
        out.append('}');
    }

    private static void writeArray(ArrayNode node, StringBuilder out) {
        out.append('[');
        for (int i = 0; i < node.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            write(node.get(i), out);
        }
        out.append(']');
    }

    /** Appends {@code s} as a canonical JSON string, for callers that write a known shape without building a tree. */
    public static void writeString(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
