package city.iam.realmconfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The reference directory and throw-away copies of it for tests. */
public final class TestDirs {

    private TestDirs() {
    }

    /** realm-config/city, found from the module directory Maven runs tests in. */
    public static Path reference() {
        Path p = Path.of("city");
        if (!Files.isDirectory(p)) {
            p = Path.of("realm-config", "city");
        }
        return p;
    }

    public static Path copyOfReference(Path target) {
        try {
            Files.createDirectories(target);
            try (Stream<Path> s = Files.list(reference())) {
                for (Path f : s.toList()) {
                    Files.copy(f, target.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void write(Path dir, String file, String json) {
        try {
            Files.writeString(dir.resolve(file), json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path dir, String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The directory with every JSON file rewritten as YAML ({@code x.json} → {@code x.yaml}). */
    public static Path asYaml(Path jsonDir, Path target) {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        try {
            Files.createDirectories(target);
            try (Stream<Path> s = Files.list(jsonDir)) {
                for (Path f : s.toList()) {
                    String name = f.getFileName().toString().replaceAll("\\.json$", ".yaml");
                    Files.writeString(target.resolve(name), yaml.writeValueAsString(json.readTree(f.toFile())));
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
