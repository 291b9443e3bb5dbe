package city.iam.realmconfig.load;

import city.iam.realmconfig.model.Canonical;
import city.iam.realmconfig.model.Certificates;
import city.iam.realmconfig.model.Declaration;
import city.iam.realmconfig.model.Declared;
import city.iam.realmconfig.model.DesiredState;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.Problem;
import city.iam.realmconfig.validate.ObjectSchema;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads a configuration directory: one file per object type ({@code datasets.json}, {@code agreements.yaml}, ...),
 * each {@code {"fully_managed": false, "<type>": [ ... ]}}, in JSON or YAML (same schema). Every fault found is
 * reported (not only the first): malformed JSON or YAML, duplicate keys, unknown files and fields, two files for
 * one type, duplicate ids, unresolvable secrets.
 */
public final class DirectoryReader {

    public static final String FULLY_MANAGED = "fully_managed";

    private final ConfigFiles files = new ConfigFiles();
    private final Function<String, String> env;

    public DirectoryReader(Function<String, String> env) {
        this.env = env;
    }

    public record Result(DesiredState state, List<Problem> problems) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    public Result read(Path dir) {
        List<Problem> problems = new ArrayList<>();
        Map<ObjectType, Declaration> declarations = new EnumMap<>(ObjectType.class);
        if (!Files.isDirectory(dir)) {
            problems.add(new Problem(dir.toString(), "", "Not a directory."));
            return new Result(new DesiredState(declarations), problems);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> ConfigFiles.format(p.getFileName().toString()).isPresent()).sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(dir.toString(), "", "Cannot list the directory: " + e.getMessage()));
            return new Result(new DesiredState(declarations), problems);
        }
        Secrets secrets = new Secrets(env, dir);
        Map<ObjectType, String> fileOf = new EnumMap<>(ObjectType.class);
        for (Path file : files) {
            String name = file.getFileName().toString();
            var type = ObjectType.byFileName(ConfigFiles.asJsonName(name));
            if (type.isEmpty()) {
                problems.add(new Problem(name, "", "Unknown file; a configuration directory holds "
                        + Arrays.stream(ObjectType.values()).map(ObjectType::fileName).toList() + " (or the same names in .yaml/.yml)."));
                continue;
            }
            String first = fileOf.putIfAbsent(type.get(), name);
            if (first != null) {
                problems.add(new Problem(name, "", "Both " + first + " and " + name + " declare " + type.get().key() + "; keep one file per type."));
                continue;
            }
            Declaration d = readFile(file, name, type.get(), secrets, problems);
            if (d != null) {
                declarations.put(type.get(), d);
            }
        }
        return new Result(new DesiredState(declarations), problems);
    }

    private Declaration readFile(Path file, String name, ObjectType type, Secrets secrets, List<Problem> problems) {
        JsonNode root = files.read(file, problems);
        if (root == null) {
            return null;
        }
        if (!root.isObject()) {
            problems.add(new Problem(name, "", "The file must hold an object {\"" + FULLY_MANAGED + "\": false, \"" + type.key() + "\": ...}."));
            return null;
        }
        for (var e : root.properties()) {
            if (!e.getKey().equals(FULLY_MANAGED) && !e.getKey().equals(type.key())) {
                problems.add(new Problem(name, Pointer.child("", e.getKey()), "Unknown member '" + e.getKey() + "'; the file holds '"
                        + FULLY_MANAGED + "' and '" + type.key() + "'."));
            }
        }
        JsonNode managed = root.get(FULLY_MANAGED);
        if (managed != null && !managed.isBoolean()) {
            problems.add(new Problem(name, "/" + FULLY_MANAGED, "'" + FULLY_MANAGED + "' must be true or false."));
        }
        boolean fullyManaged = managed != null && managed.asBoolean();
        SecretsInClear.check(type, root.path(type.key()), name, problems);
        resolveSecrets(root, "", name, secrets, problems);
        JsonNode objects = root.get(type.key());
        Map<String, Declared> declared = new LinkedHashMap<>();
        String at = "/" + type.key();
        if (type.singleton()) {
            if (objects != null && !objects.isNull()) {
                add(type, objects, name, at, declared, problems);
            }
        } else if (objects == null || !objects.isArray()) {
            problems.add(new Problem(name, at, "'" + type.key() + "' must be a list (possibly empty)."));
        } else {
            for (int i = 0; i < objects.size(); i++) {
                add(type, objects.get(i), name, Pointer.index(at, i), declared, problems);
            }
        }
        return new Declaration(type, fullyManaged, declared);
    }

    private static void add(ObjectType type, JsonNode raw, String file, String at, Map<String, Declared> declared, List<Problem> problems) {
        if (!ObjectSchema.check(type, raw, file, at, problems)) {
            // Still known by its id, so one bad field does not also report every reference to the object.
            if (raw.isObject() && type.idField() != null && raw.path(type.idField()).isTextual()) {
                declared.putIfAbsent(raw.get(type.idField()).asText(),
                        new Declared(type, raw.get(type.idField()).asText(), (ObjectNode) raw, file, at));
            }
            return;
        }
        String id = type.singleton() ? ObjectType.SINGLETON_ID : raw.get(type.idField()) == null ? null : raw.get(type.idField()).asText();
        ObjectNode canonical = Canonical.of(type, raw);
        if (type == ObjectType.TRUST_ANCHORS) {
            // Anchors are keyed by the pin of their key, which the server derives from the certificate.
            String pin = Certificates.pin(Certificates.parse(raw.get("certificate").asText()));
            if (id != null && !id.equals(pin)) {
                problems.add(new Problem(file, Pointer.child(at, "pin"), "The pin " + id + " is not the pin of this certificate's key ("
                        + pin + "); remove 'pin' or correct it."));
                return;
            }
            id = pin;
            canonical.put("pin", pin);
        }
        Declared previous = declared.get(id);
        if (previous != null) {
            problems.add(new Problem(file, at, "Duplicate " + type.key() + " id '" + id + "'; first declared at " + previous.pointer() + "."));
            return;
        }
        declared.put(id, new Declared(type, id, canonical, file, at));
    }

    private static void resolveSecrets(JsonNode node, String at, String file, Secrets secrets, List<Problem> problems) {
        if (node instanceof ObjectNode o) {
            for (var e : o.properties()) {
                String p = Pointer.child(at, e.getKey());
                if (e.getValue().isTextual()) {
                    resolved(e.getValue().asText(), p, file, secrets, problems).ifPresent(v -> e.setValue(TextNode.valueOf(v)));
                } else {
                    resolveSecrets(e.getValue(), p, file, secrets, problems);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                String p = Pointer.index(at, i);
                if (a.get(i).isTextual()) {
                    int index = i;
                    resolved(a.get(i).asText(), p, file, secrets, problems).ifPresent(v -> a.set(index, TextNode.valueOf(v)));
                } else {
                    resolveSecrets(a.get(i), p, file, secrets, problems);
                }
            }
        }
    }

    private static java.util.Optional<String> resolved(String value, String at, String file, Secrets secrets, List<Problem> problems) {
        try {
            String v = secrets.resolve(value);
            return v.equals(value) ? java.util.Optional.empty() : java.util.Optional.of(v);
        } catch (IllegalArgumentException e) {
            problems.add(new Problem(file, at, "Cannot resolve the secret reference: " + e.getMessage() + "."));
            return java.util.Optional.empty();
        }
    }
}
