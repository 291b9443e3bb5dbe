package city.iam.realmconfig.load;

import city.iam.realmconfig.model.Problem;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One configuration file, JSON ({@code .json}) or YAML ({@code .yaml}, {@code .yml}), read into the same tree so
 * both go through the same schema. Duplicate keys are refused in both (YAML would otherwise keep the last one
 * silently); a YAML file holds one document.
 */
final class ConfigFiles {

    enum Format { JSON, YAML }

    private final ObjectMapper json = mapper(new JsonFactory());
    private final ObjectMapper yaml = mapper(new YAMLFactory());

    private static ObjectMapper mapper(JsonFactory factory) {
        return new ObjectMapper(factory).enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    static Optional<Format> format(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".json")) {
            return Optional.of(Format.JSON);
        }
        return n.endsWith(".yaml") || n.endsWith(".yml") ? Optional.of(Format.YAML) : Optional.empty();
    }

    /** {@code datasets.yaml} → {@code datasets.json}: types are named by their JSON file. */
    static String asJsonName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return (dot < 0 ? fileName : fileName.substring(0, dot)) + ".json";
    }

    /** The file's tree, or null after adding a problem naming the line and column of the fault. */
    JsonNode read(Path file, List<Problem> problems) {
        String name = file.getFileName().toString();
        Format format = format(name).orElseThrow();
        ObjectMapper mapper = format == Format.JSON ? json : yaml;
        try (JsonParser parser = mapper.createParser(file.toFile())) {
            JsonNode root = mapper.readTree(parser);
            if (root == null || root.isMissingNode()) {
                problems.add(new Problem(name, "", "The file is empty."));
                return null;
            }
            if (parser.nextToken() != null) {
                problems.add(new Problem(name, "", "The file holds more than one " + format + " document; keep one per file."));
                return null;
            }
            return root;
        } catch (JsonParseException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            problems.add(new Problem(name, "", "Malformed " + format + where + ": " + oneLine(e.getOriginalMessage()) + "."));
            return null;
        } catch (IOException e) {
            problems.add(new Problem(name, "", "Cannot read the file: " + oneLine(e.getMessage())));
            return null;
        }
    }

    /**
     * SnakeYAML's messages span several lines: sentences, each followed by {@code in 'reader', line n}, the source
     * line and a caret. The location is given separately, so only the sentences are kept.
     */
    private static String oneLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        StringBuilder out = new StringBuilder();
        boolean excerpt = false;
        for (String line : message.lines().map(String::strip).toList()) {
            if (line.startsWith("in '")) {
                excerpt = true;
            } else if (line.startsWith("^")) {
                excerpt = false;
            } else if (!excerpt && !line.isEmpty()) {
                out.append(out.length() == 0 ? "" : ", ").append(line);
            }
        }
        return (out.length() == 0 ? message.strip() : out.toString()).replaceAll("\\.$", "");
    }
}
