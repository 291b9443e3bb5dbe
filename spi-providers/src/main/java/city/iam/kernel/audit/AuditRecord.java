package city.iam.kernel.audit;

import city.iam.kernel.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * What a module asks the audit log to record: an action (dotted, {@code module.object.verb}), its subject
 * and a payload of facts. Payloads never carry secrets, tokens or credentials.
 */
public record AuditRecord(Actor actor, String action, String subject, JsonNode payload) {

    public AuditRecord {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        payload = payload == null ? Json.MAPPER.createObjectNode() : payload;
    }

    public static AuditRecord of(Actor actor, String action, String subject, Object payload) {
        return new AuditRecord(actor, action, subject, payload == null ? null : Json.MAPPER.valueToTree(payload));
    }

    public static ObjectNode facts() {
        return Json.MAPPER.createObjectNode();
    }

    /** Facts from name/value pairs, the usual payload of an administrative change. */
    public static ObjectNode facts(String... namesAndValues) {
        ObjectNode n = facts();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            n.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return n;
    }
}
