package city.iam.lifecycle.settings;

import city.iam.kernel.settings.RealmSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * One realm setting as a policy field: its snake_case JSON name, its realm attribute ({@code city-iam.<key>}),
 * its default, how the jobs read it and how a value sent to the API is checked. The jobs and the API both go
 * through this, so a name or a default is written once.
 */
public final class Setting<T> {

    private static final int MAX_TEXT = 255;

    private final String field;
    private final String key;
    private final Function<RealmSettings, T> reader;
    private final Function<JsonNode, String> parser;
    private final Function<T, JsonNode> writer;

    private Setting(String field, String key, Function<RealmSettings, T> reader, Function<JsonNode, String> parser,
                    Function<T, JsonNode> writer) {
        this.field = field;
        this.key = key;
        this.reader = reader;
        this.parser = parser;
        this.writer = writer;
    }

    public static Setting<Boolean> flag(String field, String key, boolean fallback) {
        return new Setting<>(field, key, s -> s.flag(key, fallback), v -> {
            if (!v.isBoolean()) {
                throw new IllegalArgumentException(field + " must be true or false.");
            }
            return Boolean.toString(v.booleanValue());
        }, BooleanNode::valueOf);
    }

    /** A name such as a user attribute: one non-blank line. */
    public static Setting<String> name(String field, String key, String fallback) {
        return new Setting<>(field, key, s -> s.string(key, fallback), v -> name(field, v), TextNode::valueOf);
    }

    /** A non-empty set of names, stored comma-separated (so a name may not hold a comma). */
    public static Setting<Set<String>> names(String field, String key, Set<String> fallback) {
        return new Setting<>(field, key, s -> s.list(key, fallback), v -> {
            if (!v.isArray() || v.isEmpty()) {
                throw new IllegalArgumentException(field + " must be a non-empty list of names.");
            }
            Set<String> out = new LinkedHashSet<>();
            for (JsonNode e : v) {
                String n = name(field, e);
                if (n.contains(",")) {
                    throw new IllegalArgumentException(field + " values may not contain a comma: '" + n + "'.");
                }
                out.add(n);
            }
            return String.join(",", out);
        }, set -> {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            set.forEach(a::add);
            return a;
        });
    }

    /**
     * A positive ISO-8601 duration, of at least {@code minimum} when one is given (the reader then also raises a value
     * set by hand below it). A null fallback means "unset" (the field is then absent from the effective document).
     */
    public static Setting<Duration> duration(String field, String key, Duration fallback, Duration minimum) {
        return new Setting<>(field, key, s -> {
            Duration d = s.duration(key, fallback);
            return d != null && minimum != null && d.compareTo(minimum) < 0 ? minimum : d;
        }, v -> {
            Duration d;
            try {
                d = Duration.parse(v.isTextual() ? v.asText() : "");
            } catch (DateTimeException e) {
                throw new IllegalArgumentException(field + " must be an ISO-8601 duration such as P30D or PT4H.");
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(field + " must be a positive duration, not " + v.asText() + ".");
            }
            if (minimum != null && d.compareTo(minimum) < 0) {
                throw new IllegalArgumentException(field + " must be at least " + minimum + ".");
            }
            return d.toString();
        }, d -> TextNode.valueOf(d.toString()));
    }

    public static Setting<Duration> duration(String field, String key, Duration fallback) {
        return duration(field, key, fallback, null);
    }

    private static String name(String field, JsonNode v) {
        if (!v.isTextual() || v.asText().isBlank() || v.asText().length() > MAX_TEXT || v.asText().contains("\n")) {
            throw new IllegalArgumentException(field + " must be a non-blank name of at most " + MAX_TEXT + " characters.");
        }
        return v.asText().trim();
    }

    public String field() {
        return field;
    }

    /** The realm attribute without the {@code city-iam.} prefix. */
    public String key() {
        return key;
    }

    /** The value the jobs use: the stored one, or the default. */
    public T read(RealmSettings settings) {
        return reader.apply(settings);
    }

    /** The value in the effective document, or null when unset. */
    JsonNode json(RealmSettings settings) {
        T value = read(settings);
        return value == null ? null : writer.apply(value);
    }

    /** The attribute text for a value sent to the API; IllegalArgumentException with a sentence when it is not valid. */
    String parse(JsonNode value) {
        return parser.apply(value);
    }
}
