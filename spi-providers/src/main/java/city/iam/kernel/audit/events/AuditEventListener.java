package city.iam.kernel.audit.events;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.settings.RealmSettings;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.events.Event;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.admin.AdminEvent;
import org.keycloak.events.admin.AuthDetails;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.Set;

/**
 * Puts Keycloak's admin events, and the security-relevant user events, into the realm's audit chain in the
 * transaction that made the change. Representations are never copied: they can carry client secrets and
 * credentials. Events of our own modules (resource type {@code CITYIAM_*}) are skipped because the module
 * already wrote a richer entry.
 */
public class AuditEventListener implements EventListenerProvider {

    static final String SETTING_USER_EVENTS = "audit.user-events";

    private final KeycloakSession session;
    private final Set<String> defaultUserEvents;

    AuditEventListener(KeycloakSession session, Set<String> defaultUserEvents) {
        this.session = session;
        this.defaultUserEvents = defaultUserEvents;
    }

    @Override
    public void onEvent(AdminEvent event, boolean includeRepresentation) {
        String type = event.getResourceTypeAsString();
        if (type != null && type.startsWith("CITYIAM_")) {
            return;
        }
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null) {
            return;
        }
        AuthDetails auth = event.getAuthDetails();
        ObjectNode facts = AuditRecord.facts();
        facts.put("operation", String.valueOf(event.getOperationType()));
        facts.put("resource_type", type);
        facts.put("resource_path", event.getResourcePath());
        facts.put("keycloak_event_id", event.getId());
        if (event.getError() != null) {
            facts.put("error", event.getError());
        }
        if (auth != null) {
            facts.put("auth_realm_id", auth.getRealmId());
            facts.put("auth_client_id", auth.getClientId());
            facts.put("ip_address", auth.getIpAddress());
        }
        String action = "keycloak.admin." + (type == null ? "unknown" : type.toLowerCase(java.util.Locale.ROOT)) + "."
                + String.valueOf(event.getOperationType()).toLowerCase(java.util.Locale.ROOT);
        AuditLogs.of(session, realm).append(new AuditRecord(adminActor(auth), action, event.getResourcePath(), facts));
    }

    @Override
    public void onEvent(Event event) {
        RealmModel realm = session.realms().getRealm(event.getRealmId());
        if (realm == null || event.getType() == null) {
            return;
        }
        Set<String> wanted = RealmSettings.of(realm).list(SETTING_USER_EVENTS, defaultUserEvents);
        if (!wanted.contains(event.getType().name())) {
            return;
        }
        ObjectNode facts = AuditRecord.facts();
        facts.put("event", event.getType().name());
        facts.put("client_id", event.getClientId());
        facts.put("ip_address", event.getIpAddress());
        facts.put("keycloak_event_id", event.getId());
        if (event.getError() != null) {
            facts.put("error", event.getError());
        }
        if (event.getDetails() != null) {
            ObjectNode details = facts.putObject("details");
            event.getDetails().forEach((k, v) -> {
                if (!SecretFields.looksSecret(k)) {
                    details.put(k, v);
                }
            });
        }
        UserModel user = event.getUserId() == null ? null : session.users().getUserById(realm, event.getUserId());
        Actor actor = new Actor(Actor.USER, event.getUserId(), user == null ? null : user.getUsername(), null);
        AuditLogs.of(session, realm).append(new AuditRecord(actor,
                "keycloak.user." + event.getType().name().toLowerCase(java.util.Locale.ROOT), event.getUserId(), facts));
    }

    private Actor adminActor(AuthDetails auth) {
        if (auth == null || auth.getUserId() == null) {
            return Actor.system("keycloak");
        }
        RealmModel authRealm = session.realms().getRealm(auth.getRealmId());
        UserModel user = authRealm == null ? null : session.users().getUserById(authRealm, auth.getUserId());
        return new Actor(Actor.USER, auth.getUserId(), user == null ? null : user.getUsername(), RequestAcr.of(session));
    }

    @Override
    public void close() {
    }
}
