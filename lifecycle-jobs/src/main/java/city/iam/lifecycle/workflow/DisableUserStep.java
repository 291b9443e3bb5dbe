package city.iam.lifecycle.workflow;

import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.lifecycle.account.AccountActions;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;
import org.keycloak.models.workflow.WorkflowStepProvider;

/**
 * Step {@value DisableUserStepFactory#ID}: disables the user the way the inactivity sweep does (sessions and offline
 * sessions end too, which Keycloak's {@code disable-user} step leaves alone) and writes one
 * {@code lifecycle.workflow.disabled} entry. A user already disabled (by the sweep, another workflow or an
 * administrator) is left as is and nothing is recorded: a disable is recorded once, by whoever did it.
 */
final class DisableUserStep implements WorkflowStepProvider {

    static final String ACTION = "lifecycle.workflow.disabled";

    private final KeycloakSession session;
    private final ComponentModel model;

    DisableUserStep(KeycloakSession session, ComponentModel model) {
        this.session = session;
        this.model = model;
    }

    @Override
    public void run(WorkflowExecutionContext context) {
        RealmModel realm = session.getContext().getRealm();
        UserModel user = WorkflowSteps.user(session, realm, context.getResourceId());
        if (user == null || !user.isEnabled()) {
            return;
        }
        new AccountActions(session, realm).disable(user);
        StepOrigin origin = WorkflowSteps.origin(realm, model);
        ObjectNode facts = AuditRecord.facts("username", user.getUsername());
        origin.addTo(facts);
        AuditLogs.of(session, realm).append(new AuditRecord(origin.actor(), ACTION, user.getId(), facts));
    }

    @Override
    public String getNotificationSubject() {
        return "accountDisableNotificationSubject";
    }

    @Override
    public String getNotificationMessage() {
        return "accountDisableNotificationBody";
    }

    @Override
    public void close() {
    }
}
