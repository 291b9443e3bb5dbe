package city.iam.lifecycle.workflow;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowStepProvider;

/**
 * What our workflow steps read from Keycloak. A step is a realm component whose parent is the workflow's
 * component (keycloak {@code org.keycloak.models.workflow.Workflow#addStep}, 26.7); the workflow's name is its
 * {@code name} config. Steps run in a transaction of their own with the realm already in the session's context
 * ({@code RunWorkflowTask#runWorkflowStep}), after the transaction that triggered them has committed.
 */
final class WorkflowSteps {

    private WorkflowSteps() {
    }

    static StepOrigin origin(RealmModel realm, ComponentModel step) {
        ComponentModel workflow = realm.getComponent(step.getParentId());
        String name = workflow == null ? null : workflow.get("name");
        return StepOrigin.of(step.getParentId(), name, step.getId(),
                realm.getComponentsStream(step.getParentId(), WorkflowStepProvider.class.getName())
                        .map(c -> new StepOrigin.Step(c.getId(), c.getProviderId(), priority(c)))
                        .toList());
    }

    static UserModel user(KeycloakSession session, RealmModel realm, String resourceId) {
        return resourceId == null ? null : session.users().getUserById(realm, resourceId);
    }

    private static int priority(ComponentModel c) {
        try {
            return Integer.parseInt(c.get("priority", String.valueOf(Integer.MAX_VALUE)));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
