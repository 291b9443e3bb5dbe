package city.iam.realmconfig.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One field of an object type. {@code readOnly} fields are what the server adds (versions, computed subjects):
 * they are dropped from live objects and refused in files, so export then apply stays a no-op.
 */
public record Field(String name, Kind kind, boolean required, boolean readOnly, List<String> allowed, Pattern pattern,
                    List<Field> members) {

    public static Field of(String name, Kind kind) {
        return new Field(name, kind, false, false, List.of(), null, List.of());
    }

    public static Field required(String name, Kind kind) {
        return new Field(name, kind, true, false, List.of(), null, List.of());
    }

    public static Field readOnly(String name) {
        return new Field(name, Kind.STRING, false, true, List.of(), null, List.of());
    }

    /** A nested object ({@link Kind#OBJECT}), list of objects or map of named objects, with its own fields. */
    public static Field nested(String name, Kind kind, Field... members) {
        return new Field(name, kind, false, false, List.of(), null, List.of(members));
    }

    public Field oneOf(String... values) {
        return new Field(name, kind, required, readOnly, List.of(values), pattern, members);
    }

    public Field matching(String regex) {
        return new Field(name, kind, required, readOnly, allowed, Pattern.compile(regex), members);
    }

    public Field require() {
        return new Field(name, kind, true, readOnly, allowed, pattern, members);
    }
}
