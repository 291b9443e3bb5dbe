package city.iam.realmconfig.model;

import java.util.EnumMap;
import java.util.Map;

/** The live objects of the types that were read, keyed by our id. */
public record LiveState(Map<ObjectType, Map<String, LiveObject>> objects) {

    public LiveState {
        objects = objects.isEmpty() ? new EnumMap<>(ObjectType.class) : new EnumMap<>(objects);
    }

    public Map<String, LiveObject> of(ObjectType type) {
        Map<String, LiveObject> m = objects.get(type);
        if (m == null) {
            throw new IllegalStateException(type + " was not read from the server");
        }
        return m;
    }
}
