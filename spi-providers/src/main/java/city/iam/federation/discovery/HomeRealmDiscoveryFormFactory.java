package city.iam.federation.discovery;

import city.iam.kernel.info.PlainAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.credential.PasswordCredentialModel;

/** {@code city-home-realm-discovery}: use instead of "Username Password Form" in the browser flow's forms. */
public class HomeRealmDiscoveryFormFactory extends PlainAuthenticatorFactory {

    public static final String ID = "city-home-realm-discovery";

    public HomeRealmDiscoveryFormFactory() {
        super(ID, "Home-realm discovery, enumeration-neutral (email first)",
                "Asks for the email first; sends organisation domains to their IdP and everyone else to the password page, without revealing which accounts exist.",
                PasswordCredentialModel.TYPE, Requirement.REQUIRED, Requirement.ALTERNATIVE, Requirement.DISABLED);
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return new HomeRealmDiscoveryForm(session);
    }
}
