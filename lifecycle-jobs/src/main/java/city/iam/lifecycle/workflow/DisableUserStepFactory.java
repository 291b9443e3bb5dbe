package city.iam.lifecycle.workflow;

import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;

/** Registers {@value #ID} under Keycloak's {@code workflow-step} SPI (LJ-39): {@code {"uses": "city-iam-disable-user"}}. */
public final class DisableUserStepFactory extends UserStepFactory<DisableUserStep> {

    public static final String ID = "city-iam-disable-user";

    @Override
    public DisableUserStep create(KeycloakSession session, ComponentModel model) {
        return new DisableUserStep(session, model);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getHelpText() {
        return "Disables the user and ends their sessions, once: a user already disabled is left as is.";
    }
}
