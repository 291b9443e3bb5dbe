package city.iam.realmconfig.plan;

import city.iam.realmconfig.model.ObjectType;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One change to one object. {@code desired} is null for a delete, {@code live} null for a create;
 * {@code fields} names what an update changes; {@code serverId} is the server's key where it has its own.
 */
public record Change(ObjectType type, String id, Action action, List<String> fields, ObjectNode desired, ObjectNode live,
                     String serverId) {

    @Override
    public String toString() {
        return action.sign() + " " + type.key() + " " + id + (fields.isEmpty() ? "" : " " + fields);
    }
}
