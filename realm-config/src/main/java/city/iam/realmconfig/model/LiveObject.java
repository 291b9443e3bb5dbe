package city.iam.realmconfig.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An object as the server holds it (canonical form). {@code serverId} is the server's own key where it differs
 * from ours (an organisation's UUID; we key organisations by alias), else null.
 */
public record LiveObject(ObjectType type, String id, ObjectNode object, String serverId) {
}
