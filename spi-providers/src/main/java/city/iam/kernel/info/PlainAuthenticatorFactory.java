package city.iam.kernel.info;

import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/**
 * An authenticator factory with no configuration and no user set-up: its subclasses name the id, the wording
 * in the admin console's flow editor and the requirements it may have, and create the authenticator.
 */
public abstract class PlainAuthenticatorFactory implements AuthenticatorFactory, StatelessFactory<Authenticator> {

    private final String id;
    private final String displayType;
    private final String helpText;
    private final String referenceCategory;
    private final Requirement[] requirements;

    protected PlainAuthenticatorFactory(String id, String displayType, String helpText, String referenceCategory, Requirement... requirements) {
        this.id = id;
        this.displayType = displayType;
        this.helpText = helpText;
        this.referenceCategory = referenceCategory;
        this.requirements = requirements;
    }

    @Override
    public String getId() {
        return id;
    }

    @Override
    public String getDisplayType() {
        return displayType;
    }

    @Override
    public String getHelpText() {
        return helpText;
    }

    @Override
    public String getReferenceCategory() {
        return referenceCategory;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return requirements.clone();
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
