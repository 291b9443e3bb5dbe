package city.iam.realmconfig.validate;

import city.iam.realmconfig.load.Pointer;
import city.iam.realmconfig.model.Canonical;
import city.iam.realmconfig.model.Certificates;
import city.iam.realmconfig.model.Field;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks one declared object against its type: unknown fields are refused (a typo must not silently drop a
 * rule), read-only fields are refused, required fields present, every value of the right shape.
 */
public final class ObjectSchema {

    private ObjectSchema() {
    }

    /** Adds a problem per fault to {@code problems}; true when the object had none. */
    public static boolean check(ObjectType type, JsonNode object, String file, String pointer, List<Problem> problems) {
        int before = problems.size();
        members("Each entry of " + type.key(), type.key(), type.fields(), object, file, pointer, problems);
        return problems.size() == before;
    }

    /** The fields of one object, top-level or nested; {@code what} names it in messages. */
    private static void members(String entry, String what, List<Field> fields, JsonNode object, String file, String pointer,
                                List<Problem> problems) {
        if (!object.isObject()) {
            problems.add(new Problem(file, pointer, entry + " must be a JSON object."));
            return;
        }
        for (Map.Entry<String, JsonNode> e : object.properties()) {
            String at = Pointer.child(pointer, e.getKey());
            var field = fields.stream().filter(f -> f.name().equals(e.getKey())).findFirst();
            if (field.isEmpty()) {
                problems.add(new Problem(file, at, "Unknown field '" + e.getKey() + "' for " + what + "; known fields: "
                        + fields.stream().filter(f -> !f.readOnly()).map(Field::name).collect(Collectors.joining(", ")) + "."));
            } else if (field.get().readOnly()) {
                problems.add(new Problem(file, at, "'" + e.getKey() + "' is set by the server and cannot be declared; remove it."));
            } else {
                value(field.get(), e.getValue(), file, at, problems);
            }
        }
        for (Field f : fields) {
            if (f.required() && (object.get(f.name()) == null || object.get(f.name()).isNull())) {
                problems.add(new Problem(file, pointer, "Required field '" + f.name() + "' is missing."));
            }
        }
    }

    private static void value(Field f, JsonNode v, String file, String at, List<Problem> problems) {
        if (v.isNull()) {
            return;
        }
        String name = "'" + f.name() + "'";
        switch (f.kind()) {
            case STRING -> {
                if (!v.isTextual()) {
                    problems.add(new Problem(file, at, name + " must be a string."));
                } else {
                    text(f, v.asText(), file, at, problems);
                }
            }
            case BOOLEAN -> {
                if (!v.isBoolean()) {
                    problems.add(new Problem(file, at, name + " must be true or false."));
                }
            }
            case INTEGER -> {
                if (!v.isIntegralNumber()) {
                    problems.add(new Problem(file, at, name + " must be a whole number."));
                }
            }
            case INSTANT -> {
                if (!v.isTextual() || !isInstant(v.asText())) {
                    problems.add(new Problem(file, at, name + " must be an ISO-8601 instant such as 2026-01-01T00:00:00Z."));
                }
            }
            case DURATION -> {
                if (!v.isTextual() || !Canonical.isDuration(v.asText())) {
                    problems.add(new Problem(file, at, name + " must be an ISO-8601 duration such as P90D or PT12H."));
                } else if (!Canonical.isPositiveDuration(v.asText())) {
                    // Every period the servers take is a positive one; zero or negative is refused before any write.
                    problems.add(new Problem(file, at, name + " must be a positive duration, not " + v.asText() + "."));
                }
            }
            case STRING_LIST, STRING_SET -> {
                if (!v.isArray()) {
                    problems.add(new Problem(file, at, name + " must be a list of strings."));
                    return;
                }
                for (int i = 0; i < v.size(); i++) {
                    JsonNode e = v.get(i);
                    if (!e.isTextual() || e.asText().isBlank()) {
                        problems.add(new Problem(file, Pointer.index(at, i), name + " must hold non-empty strings only."));
                    }
                }
            }
            case DOMAINS -> domains(v, file, at, problems);
            case OBJECT -> members(name, f.name(), f.members(), v, file, at, problems);
            case OBJECT_LIST -> {
                if (!v.isArray()) {
                    problems.add(new Problem(file, at, name + " must be a list of objects."));
                    return;
                }
                for (int i = 0; i < v.size(); i++) {
                    members("Each entry of " + name, f.name() + " entries", f.members(), v.get(i), file, Pointer.index(at, i), problems);
                }
            }
            case OBJECT_MAP -> {
                if (!v.isObject()) {
                    problems.add(new Problem(file, at, name + " must be an object of named objects."));
                    return;
                }
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    members(name + " '" + e.getKey() + "'", f.name() + " entries", f.members(), e.getValue(), file,
                            Pointer.child(at, e.getKey()), problems);
                }
            }
            case STRING_MAP -> {
                if (!v.isObject()) {
                    problems.add(new Problem(file, at, name + " must be an object of strings."));
                    return;
                }
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    if (!e.getValue().isTextual()) {
                        problems.add(new Problem(file, Pointer.child(at, e.getKey()), name + " values must be strings."));
                    }
                }
            }
            case ATTRIBUTES -> {
                if (!v.isObject()) {
                    problems.add(new Problem(file, at, name + " must be an object of lists of strings."));
                    return;
                }
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    if (!e.getValue().isArray() || !allText(e.getValue())) {
                        problems.add(new Problem(file, Pointer.child(at, e.getKey()), "Attribute values must be a list of strings."));
                    }
                }
            }
            case ATTRIBUTE_MATCH -> {
                if (!v.isObject()) {
                    problems.add(new Problem(file, at, name + " must be an object of a string or a list of strings per attribute."));
                    return;
                }
                for (Map.Entry<String, JsonNode> e : v.properties()) {
                    JsonNode values = e.getValue();
                    boolean ok = values.isTextual() && !values.asText().isEmpty()
                            || values.isArray() && !values.isEmpty() && allText(values);
                    if (!ok) {
                        problems.add(new Problem(file, Pointer.child(at, e.getKey()), name + " takes a string or a non-empty list of strings per attribute."));
                    }
                }
            }
            case PEM_CERTIFICATE -> {
                if (!v.isTextual()) {
                    problems.add(new Problem(file, at, name + " must be a PEM certificate string."));
                    return;
                }
                try {
                    Certificates.parse(v.asText());
                } catch (IllegalArgumentException e) {
                    problems.add(new Problem(file, at, name + " is " + e.getMessage() + "."));
                }
            }
        }
    }

    private static void text(Field f, String s, String file, String at, List<Problem> problems) {
        if (!f.allowed().isEmpty() && !f.allowed().contains(s)) {
            problems.add(new Problem(file, at, "'" + f.name() + "' must be one of " + f.allowed() + ", not '" + s + "'."));
        }
        if (f.pattern() != null && !f.pattern().matcher(s).matches()) {
            problems.add(new Problem(file, at, "'" + f.name() + "' value '" + s + "' does not match " + f.pattern().pattern() + "."));
        }
    }

    private static void domains(JsonNode v, String file, String at, List<Problem> problems) {
        if (!v.isArray()) {
            problems.add(new Problem(file, at, "'domains' must be a list of {\"name\", \"verified\"} objects."));
            return;
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode d = v.get(i);
            String p = Pointer.index(at, i);
            if (!d.isObject() || !d.path("name").isTextual() || d.path("name").asText().isBlank()) {
                problems.add(new Problem(file, p, "A domain must be an object with a non-empty 'name'."));
                continue;
            }
            for (Map.Entry<String, JsonNode> e : d.properties()) {
                if (!e.getKey().equals("name") && !e.getKey().equals("verified")) {
                    problems.add(new Problem(file, Pointer.child(p, e.getKey()), "Unknown field '" + e.getKey() + "' for a domain; known fields: name, verified."));
                } else if (e.getKey().equals("verified") && !e.getValue().isBoolean()) {
                    problems.add(new Problem(file, Pointer.child(p, e.getKey()), "'verified' must be true or false."));
                }
            }
        }
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode e : array) {
            if (!e.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static boolean isInstant(String s) {
        try {
            Instant.parse(s);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
