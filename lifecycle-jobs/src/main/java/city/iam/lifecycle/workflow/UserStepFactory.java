package city.iam.lifecycle.workflow;

import org.keycloak.models.workflow.ResourceType;
import org.keycloak.models.workflow.WorkflowStepProviderFactory;

import java.util.Set;

/** Our steps act on users only; Keycloak refuses a workflow whose steps support no common resource type. */
abstract class UserStepFactory<P extends UserStep> implements WorkflowStepProviderFactory<P> {

    @Override
    public final Set<ResourceType> getSupportedResourceTypes() {
        return Set.of(ResourceType.USERS);
    }
}
