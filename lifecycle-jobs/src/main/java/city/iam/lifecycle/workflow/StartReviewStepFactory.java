package city.iam.lifecycle.workflow;

import city.iam.review.definition.ReviewDefinitions;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.ModelValidationException;
import org.keycloak.models.RealmModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * Registers {@value #ID} under Keycloak's {@code workflow-step} SPI (LJ-39), usable as
 * {@code {"uses": "city-iam-start-review", "with": {"definition": "<review definition id>"}}}. The definition is
 * checked when the workflow is saved: Keycloak validates each step component as it stores it, and answers a
 * {@link ModelValidationException} with 400.
 */
public final class StartReviewStepFactory extends UserStepFactory<StartReviewStep> {

    public static final String ID = "city-iam-start-review";
    static final String DEFINITION = "definition";

    @Override
    public StartReviewStep create(KeycloakSession session, ComponentModel model) {
        return new StartReviewStep(session, model);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        String id = model.get(DEFINITION);
        if (id == null || id.isBlank()) {
            throw new ModelValidationException("Step " + ID + " needs 'definition': the id of an access-review definition.");
        }
        if (ReviewDefinitions.document(realm, id).isEmpty()) {
            throw new ModelValidationException("Step " + ID + ": realm " + realm.getName() + " has no access-review definition '" + id + "'.");
        }
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Opens a one-person access review of the user, over their access in the scope of an access-review definition.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(DEFINITION).label("Review definition").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("Id of the access-review definition whose scope, reviewers and stages the campaign uses.").add()
                .build();
    }
}
