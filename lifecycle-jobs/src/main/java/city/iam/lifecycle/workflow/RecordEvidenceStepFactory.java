package city.iam.lifecycle.workflow;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;

import java.util.List;

/**
 * Registers {@value #ID} under Keycloak's {@code workflow-step} SPI (LJ-39):
 * {@code {"uses": "city-iam-record-evidence", "with": {"action": "<label>"}}}, the label optional.
 */
public final class RecordEvidenceStepFactory extends UserStepFactory<RecordEvidenceStep> {

    public static final String ID = "city-iam-record-evidence";
    static final String LABEL = "action";

    @Override
    public RecordEvidenceStep create(KeycloakSession session, ComponentModel model) {
        return new RecordEvidenceStep(session, model);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Records the workflow's action on the user as an entry of the city-iam audit chain.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderConfigurationBuilder.create()
                .property().name(LABEL).label("Action").type(ProviderConfigProperty.STRING_TYPE)
                .helpText("A short label for what the workflow did, kept in the entry (at most 100 characters).").add()
                .build();
    }
}
