package city.iam.realmconfig.model;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** An object as the directory declares it (canonical form), with where it was declared for error messages. */
public record Declared(ObjectType type, String id, ObjectNode object, String file, String pointer) {
}
