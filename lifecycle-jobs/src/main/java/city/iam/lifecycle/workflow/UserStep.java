package city.iam.lifecycle.workflow;

import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;
import org.keycloak.models.workflow.WorkflowStepProvider;

/**
 * What our workflow steps share. Keycloak runs each step in a transaction of its own, after the transaction that
 * triggered the workflow has committed, with the realm in the session's context (26.7:
 * {@code RunWorkflowTask#runWorkflowStep}); a step is a realm component whose parent is the workflow's component,
 * whose name is its {@code name} config ({@code Workflow#addStep}).
 */
abstract class UserStep implements WorkflowStepProvider {

    protected final KeycloakSession session;
    private final ComponentModel model;

    UserStep(KeycloakSession session, ComponentModel model) {
        this.session = session;
        this.model = model;
    }

    @Override
    public final void run(WorkflowExecutionContext context) {
        RealmModel realm = session.getContext().getRealm();
        String userId = context.getResourceId();
        run(realm, userId, userId == null ? null : session.users().getUserById(realm, userId), context);
    }

    /** {@code user} is null when the user is gone (an earlier step may have deleted them). */
    abstract void run(RealmModel realm, String userId, UserModel user, WorkflowExecutionContext context);

    final String config(String key) {
        return model.get(key);
    }

    final StepOrigin origin(RealmModel realm) {
        ComponentModel workflow = realm.getComponent(model.getParentId());
        return StepOrigin.of(model.getParentId(), workflow == null ? null : workflow.get("name"), model.getId(),
                realm.getComponentsStream(model.getParentId(), WorkflowStepProvider.class.getName())
                        .map(c -> new StepOrigin.Step(c.getId(), c.getProviderId(), priority(c)))
                        .toList());
    }

    /** One audit-chain entry by the workflow, with the step's origin among its facts. */
    final void audit(RealmModel realm, String action, String userId, ObjectNode facts) {
        StepOrigin origin = origin(realm);
        origin.addTo(facts);
        AuditLogs.of(session, realm).append(new AuditRecord(origin.actor(), action, userId, facts));
    }

    private static int priority(ComponentModel c) {
        try {
            return Integer.parseInt(c.get("priority", String.valueOf(Integer.MAX_VALUE)));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    @Override
    public void close() {
    }
}
