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
 * Step {@value RecordEvidenceStepFactory#ID}: one {@code lifecycle.workflow.evidence} audit-chain entry for the
 * workflow's action on the user, naming the workflow, the step that ran before this one (what was done), the
 * event that started the execution and the account's state afterwards. Keycloak's own steps leave no record an
 * auditor can verify; placed after them, this one does.
 */
final class RecordEvidenceStep implements WorkflowStepProvider {

    static final String ACTION = "lifecycle.workflow.evidence";

    private final KeycloakSession session;
    private final ComponentModel model;

    RecordEvidenceStep(KeycloakSession session, ComponentModel model) {
        this.session = session;
        this.model = model;
    }

    @Override
    public void run(WorkflowExecutionContext context) {
        RealmModel realm = session.getContext().getRealm();
        UserModel user = WorkflowSteps.user(session, realm, context.getResourceId());
        StepOrigin origin = WorkflowSteps.origin(realm, model);
        ObjectNode facts = AuditRecord.facts();
        origin.addTo(facts);
        String label = model.get(RecordEvidenceStepFactory.LABEL);
        if (label != null && !label.isBlank()) {
            facts.put("action", label.length() > 100 ? label.substring(0, 100) : label);
        }
        // A scheduled step resumes without the event that started the execution.
        facts.put("trigger", context.getEvent() == null ? "schedule" : context.getEvent().getEventProviderId());
        if (user == null) {
            // The previous step may have deleted the user: the entry still says so, under the id.
            facts.put("user_exists", false);
        } else {
            facts.put("username", user.getUsername());
            facts.put("user_enabled", user.isEnabled());
        }
        AuditLogs.of(session, realm).append(new AuditRecord(origin.actor(), ACTION, context.getResourceId(), facts));
    }

    @Override
    public void close() {
    }
}
