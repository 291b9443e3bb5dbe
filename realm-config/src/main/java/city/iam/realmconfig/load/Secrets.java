package city.iam.realmconfig.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:/path}} in string values, so secrets live in the CI's secret
 * store or a mounted file and never in the repository. A file inside the configuration directory is refused
 * for the same reason.
 */
public final class Secrets {

    private static final Pattern REF = Pattern.compile("\\$\\{(env|file):([^}]+)}");

    private final Function<String, String> env;
    private final Path directory;

    public Secrets(Function<String, String> env, Path directory) {
        this.env = env;
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The value with every reference resolved; throws IllegalArgumentException with a sentence if one cannot be. */
    public String resolve(String value) {
        if (value.indexOf("${") < 0) {
            return value;
        }
        Matcher m = REF.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(2).trim();
            String resolved = m.group(1).equals("env") ? fromEnv(name) : fromFile(name);
            m.appendReplacement(out, Matcher.quoteReplacement(resolved));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String fromEnv(String name) {
        String v = env.apply(name);
        if (v == null) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return v;
    }

    private String fromFile(String name) {
        Path p = Path.of(name).toAbsolutePath().normalize();
        if (p.startsWith(directory)) {
            throw new IllegalArgumentException("secret file " + name + " lies inside the configuration directory; keep secrets out of the repository");
        }
        try {
            return Files.readString(p, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("secret file " + name + " cannot be read (" + e.getMessage() + ")");
        }
    }
}
