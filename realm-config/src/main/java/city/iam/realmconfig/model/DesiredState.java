package city.iam.realmconfig.model;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Everything a directory declares, by type; a type without a file is not managed at all. */
public record DesiredState(Map<ObjectType, Declaration> declarations) {

    public DesiredState {
        declarations = declarations.isEmpty() ? new EnumMap<>(ObjectType.class) : new EnumMap<>(declarations);
    }

    public Optional<Declaration> of(ObjectType type) {
        return Optional.ofNullable(declarations.get(type));
    }

    public Set<ObjectType> types() {
        return declarations.keySet();
    }
}
