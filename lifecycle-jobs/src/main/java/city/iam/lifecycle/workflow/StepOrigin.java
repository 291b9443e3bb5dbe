package city.iam.lifecycle.workflow;

import city.iam.kernel.audit.Actor;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Comparator;
import java.util.List;

/**
 * Which workflow a step of ours runs in, and what step ran just before it: the facts every audit entry of a
 * workflow step carries, so an auditor sees which automation acted, not only that "the system" did.
 */
public record StepOrigin(String workflowId, String workflowName, String stepId, String previousStep) {

    /** A step of a workflow as Keycloak stores it: its id, provider ({@code uses}) and 1-based priority. */
    public record Step(String id, String uses, int priority) {
    }

    /** Finds the step that runs right before {@code stepId} in the workflow's order (null when it is the first). */
    public static StepOrigin of(String workflowId, String workflowName, String stepId, List<Step> steps) {
        List<Step> ordered = steps.stream().sorted(Comparator.comparingInt(Step::priority)).toList();
        String previous = null;
        for (Step s : ordered) {
            if (s.id().equals(stepId)) {
                break;
            }
            previous = s.uses();
        }
        return new StepOrigin(workflowId, workflowName, stepId, previous);
    }

    /** The workflow acts as a system actor named after it: a person never stands behind an automation's entry. */
    public Actor actor() {
        return new Actor(Actor.SYSTEM, "workflow:" + workflowId, "workflow:" + (workflowName == null ? workflowId : workflowName), null);
    }

    public void addTo(ObjectNode facts) {
        facts.put("workflow_id", workflowId);
        if (workflowName != null) {
            facts.put("workflow", workflowName);
        }
        facts.put("step_id", stepId);
        if (previousStep != null) {
            facts.put("previous_step", previousStep);
        }
    }
}
