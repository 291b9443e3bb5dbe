package city.iam.federation.linking;

import city.iam.kernel.info.StatelessFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** {@code city-safe-auto-link}: use instead of "Automatically set existing user" (idp-auto-link). */
public class SafeAutoLinkAuthenticatorFactory implements AuthenticatorFactory, StatelessFactory<Authenticator> {

    public static final String ID = "city-safe-auto-link";
    private static final SafeAutoLinkAuthenticator INSTANCE = new SafeAutoLinkAuthenticator();

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Link existing user only on verified, trusted email";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{AuthenticationExecutionModel.Requirement.ALTERNATIVE,
                AuthenticationExecutionModel.Requirement.REQUIRED, AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Links to the existing account only when the IdP is trusted for email, asserted it verified, and the local email is verified and equal; otherwise the flow asks for confirmation.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
