package city.iam.lifecycle.workflow;

import city.iam.kernel.audit.AuditRecord;
import city.iam.lifecycle.account.AccountActions;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;

/**
 * Step {@value DisableUserStepFactory#ID}: disables the user the way the inactivity sweep does (sessions and offline
 * sessions end too, which Keycloak's {@code disable-user} step leaves alone) and writes one
 * {@code lifecycle.workflow.disabled} entry. A user already disabled (by the sweep, another workflow or an
 * administrator) is left as is and nothing is recorded: a disable is recorded once, by whoever did it.
 */
final class DisableUserStep extends UserStep {

    static final String ACTION = "lifecycle.workflow.disabled";

    DisableUserStep(KeycloakSession session, ComponentModel model) {
        super(session, model);
    }

    @Override
    void run(RealmModel realm, String userId, UserModel user, WorkflowExecutionContext context) {
        if (user == null || !user.isEnabled()) {
            return;
        }
        new AccountActions(session, realm).disable(user);
        audit(realm, ACTION, userId, AuditRecord.facts("username", user.getUsername()));
    }

    // Keycloak's notify-user step, placed before this one, words its notice with these (its own disable-user's keys).
    @Override
    public String getNotificationSubject() {
        return "accountDisableNotificationSubject";
    }

    @Override
    public String getNotificationMessage() {
        return "accountDisableNotificationBody";
    }
}
