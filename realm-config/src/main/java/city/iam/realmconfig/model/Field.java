package city.iam.realmconfig.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One field of an object type. {@code readOnly} fields are what the server adds (versions, computed subjects):
 * they are dropped from live objects and refused in files, so export then apply stays a no-op.
 */
public record Field(String name, Kind kind, boolean required, boolean readOnly, List<String> allowed, Pattern pattern) {

    public static Field of(String name, Kind kind) {
        return new Field(name, kind, false, false, List.of(), null);
    }

    public static Field required(String name, Kind kind) {
        return new Field(name, kind, true, false, List.of(), null);
    }

    public static Field readOnly(String name) {
        return new Field(name, Kind.STRING, false, true, List.of(), null);
    }

    public Field oneOf(String... values) {
        return new Field(name, kind, required, readOnly, List.of(values), pattern);
    }

    public Field matching(String regex) {
        return new Field(name, kind, required, readOnly, allowed, Pattern.compile(regex));
    }
}
