package city.iam.realmconfig.model;

/**
 * One thing wrong with a configuration directory: the file, the JSON pointer inside it (RFC 6901) and a
 * sentence a reviewer can act on.
 */
public record Problem(String file, String pointer, String message) {

    @Override
    public String toString() {
        return file + (pointer == null || pointer.isEmpty() ? "" : "#" + pointer) + ": " + message;
    }
}
