package city.iam.federation.membership;

import city.iam.kernel.info.PlainAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;

/** {@code city-org-member-domain-gate}: put it in the first-broker-login flow instead of "Organization Member Onboard". */
public class DomainGatedMemberAuthenticatorFactory extends PlainAuthenticatorFactory {

    public static final String ID = "city-org-member-domain-gate";
    private static final DomainGatedMemberAuthenticator INSTANCE = new DomainGatedMemberAuthenticator();

    public DomainGatedMemberAuthenticatorFactory() {
        super(ID, "Organization member onboard (verified email domain)",
                "Adds the brokered user to the IdP's organisation only when the email is verified and its domain belongs to the organisation.",
                null, Requirement.REQUIRED, Requirement.DISABLED);
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
