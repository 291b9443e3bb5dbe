package city.iam.lifecycle.workflow;

import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.time.KeycloakClock;
import city.iam.review.campaign.CampaignLauncher;
import city.iam.review.campaign.SnapshotWalk;
import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinitions;
import city.iam.review.jpa.CampaignEntity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import org.keycloak.component.ComponentModel;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.workflow.WorkflowExecutionContext;

import java.util.Set;

/**
 * Step {@value StartReviewStepFactory#ID}: opens a one-person access review of the workflow's user, over their
 * access in the scope of the configured review definition, exactly as the mover's micro-review does
 * ({@link CampaignLauncher#launchIfAny}, in the step's transaction). A user with nothing in scope gets no
 * campaign; either way one {@code lifecycle.workflow.review-started} entry says what happened.
 */
final class StartReviewStep extends UserStep {

    static final String ACTION = "lifecycle.workflow.review-started";

    StartReviewStep(KeycloakSession session, ComponentModel model) {
        super(session, model);
    }

    @Override
    void run(RealmModel realm, String userId, UserModel user, WorkflowExecutionContext context) {
        if (user == null) {
            return;
        }
        StepOrigin origin = origin(realm);
        // The definition was checked when the workflow was saved; one removed since fails the step, visibly, in Keycloak's log.
        DefinitionDocument definition = ReviewDefinitions.require(realm, config(StartReviewStepFactory.DEFINITION));
        long now = KeycloakClock.INSTANCE.millis();
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        CampaignEntity campaign = new CampaignLauncher(session, realm, em).launchIfAny(definition,
                "wf:" + origin.stepId() + ":" + userId + ":" + now, origin.actor(),
                truncate("workflow:" + origin.workflowName() + ":" + user.getUsername()), now,
                new SnapshotWalk(session, realm, em).discretionaryAccessOf(userId, Set.of()));
        ObjectNode facts = AuditRecord.facts("username", user.getUsername(), "definition_id", definition.id());
        if (campaign == null) {
            facts.put("outcome", "nothing_to_review");
        } else {
            facts.put("outcome", "opened");
            facts.put("campaign_id", campaign.getId());
            facts.put("items", campaign.getItemCount());
        }
        audit(realm, ACTION, userId, facts);
    }

    private static String truncate(String s) {
        return s.length() <= 255 ? s : s.substring(0, 255);
    }
}
