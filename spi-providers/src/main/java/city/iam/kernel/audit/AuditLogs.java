package city.iam.kernel.audit;

import city.iam.kernel.audit.jpa.JpaAuditLog;
import city.iam.kernel.time.KeycloakClock;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Where modules get a realm's audit log for the current request. */
public final class AuditLogs {

    private AuditLogs() {
    }

    public static AuditLog of(KeycloakSession session, RealmModel realm) {
        return new JpaAuditLog(session.getProvider(JpaConnectionProvider.class).getEntityManager(), realm.getId(),
                KeycloakClock.INSTANCE);
    }
}
