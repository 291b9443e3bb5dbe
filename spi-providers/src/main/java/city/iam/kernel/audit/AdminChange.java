package city.iam.kernel.audit;

import city.iam.kernel.access.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Records an administrative change the way every module must: a Keycloak admin event (resource type
 * {@code CITYIAM_*}, so the audit listener does not chain it twice) and an audit-chain entry naming the
 * administrator and their acr, both in the request's transaction.
 */
public final class AdminChange {

    private AdminChange() {
    }

    public static void record(KeycloakSession session, RealmModel realm, Caller caller, AdminEventBuilder adminEvent,
                              OperationType operation, String resourceType, String resourcePath,
                              String action, String subject, JsonNode facts) {
        if (!resourceType.startsWith("CITYIAM_")) {
            throw new IllegalArgumentException("module resource types start with CITYIAM_: " + resourceType);
        }
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.of(caller), action, subject, facts));
        adminEvent.operation(operation).resource(resourceType).resourcePath(resourcePath).representation(facts).success();
    }
}
