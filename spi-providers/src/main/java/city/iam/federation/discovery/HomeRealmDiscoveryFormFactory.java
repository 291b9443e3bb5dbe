package city.iam.federation.discovery;

import city.iam.kernel.info.StatelessFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** {@code city-home-realm-discovery}: use instead of "Username Password Form" in the browser flow's forms. */
public class HomeRealmDiscoveryFormFactory implements AuthenticatorFactory, StatelessFactory<Authenticator> {

    public static final String ID = "city-home-realm-discovery";

    @Override
    public Authenticator create(KeycloakSession session) {
        return new HomeRealmDiscoveryForm(session);
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public String getDisplayType() {
        return "Home-realm discovery, enumeration-neutral (email first)";
    }

    @Override
    public String getReferenceCategory() {
        return PasswordCredentialModel.TYPE;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public AuthenticationExecutionModel.Requirement[] getRequirementChoices() {
        return new AuthenticationExecutionModel.Requirement[]{AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.ALTERNATIVE, AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Asks for the email first; sends organisation domains to their IdP and everyone else to the password page, without revealing which accounts exist.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
