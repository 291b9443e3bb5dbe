package city.iam.lifecycle.rest;

import city.iam.kernel.access.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

/**
 * Keycloak admin events for the changes owners and grantees make through {@code /realms/{realm}/lifecycle}: an owner
 * disabling a client is an administrative change even without an admin token, and admins look for it in the admin
 * events next to their own. Resource types start with {@code CITYIAM_} so the audit listener does not chain them a
 * second time (the services write the audit entries). The event names the person and the client their token was
 * issued to; without that client (a token without {@code azp}) Keycloak cannot record one, and the audit entry stands alone.
 */
final class SelfServiceEvents {

    private SelfServiceEvents() {
    }

    static void record(KeycloakSession session, RealmModel realm, Caller caller, OperationType operation, String resourceType,
                       String resourcePath, JsonNode facts) {
        ClientModel via = caller.clientId() == null ? null : realm.getClientByClientId(caller.clientId());
        if (via == null) {
            return;
        }
        new AdminEventBuilder(realm, new AdminAuth(realm, null, caller.user(), via), session, session.getContext().getConnection())
                .operation(operation).resource(resourceType).resourcePath(resourcePath).representation(facts).success();
    }
}
