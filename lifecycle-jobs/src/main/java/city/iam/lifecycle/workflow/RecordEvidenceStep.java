package city.iam.lifecycle.workflow;

import city.iam.kernel.audit.AuditRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;

/**
 * Step {@value RecordEvidenceStepFactory#ID}: one {@code lifecycle.workflow.evidence} audit-chain entry for the
 * workflow's action on the user, naming the workflow, the step that ran before this one (what was done), the
 * event that started the execution and the account's state afterwards. Keycloak's own steps leave no record an
 * auditor can verify; placed after them, this one does.
 */
final class RecordEvidenceStep extends UserStep {

    static final String ACTION = "lifecycle.workflow.evidence";

    RecordEvidenceStep(KeycloakSession session, ComponentModel model) {
        super(session, model);
    }

    @Override
    void run(RealmModel realm, String userId, UserModel user, WorkflowExecutionContext context) {
        ObjectNode facts = AuditRecord.facts();
        String label = config(RecordEvidenceStepFactory.LABEL);
        if (label != null && !label.isBlank()) {
            facts.put("action", label.length() > 100 ? label.substring(0, 100) : label);
        }
        // A step that waited ('after') resumes without the event that started the execution.
        facts.put("trigger", context.getEvent() == null ? "schedule" : context.getEvent().getEventProviderId());
        if (user == null) {
            // An earlier step may have deleted the user: the entry still says so, under the id.
            facts.put("user_exists", false);
        } else {
            facts.put("username", user.getUsername());
            facts.put("user_enabled", user.isEnabled());
        }
        audit(realm, ACTION, userId, facts);
    }
}
