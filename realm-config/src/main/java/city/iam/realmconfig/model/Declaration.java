package city.iam.realmconfig.model;

import java.util.Map;

/**
 * What one file declares for one type. {@code fullyManaged}: the file lists every object of the type the realm
 * should have, so live objects it does not list are deleted; otherwise they are left alone.
 */
public record Declaration(ObjectType type, boolean fullyManaged, Map<String, Declared> objects) {
}
