package city.iam.federation.membership;

import city.iam.kernel.info.StatelessFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

import java.util.List;

/** {@code city-org-member-domain-gate}: put it in the first-broker-login flow instead of "Organization Member Onboard". */
public class DomainGatedMemberAuthenticatorFactory implements AuthenticatorFactory, StatelessFactory<Authenticator> {

    public static final String ID = "city-org-member-domain-gate";
    private static final DomainGatedMemberAuthenticator INSTANCE = new DomainGatedMemberAuthenticator();

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
        return "Organization member onboard (verified email domain)";
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
        return new AuthenticationExecutionModel.Requirement[]{AuthenticationExecutionModel.Requirement.REQUIRED,
                AuthenticationExecutionModel.Requirement.DISABLED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public String getHelpText() {
        return "Adds the brokered user to the IdP's organisation only when the email is verified and its domain belongs to the organisation.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }
}
