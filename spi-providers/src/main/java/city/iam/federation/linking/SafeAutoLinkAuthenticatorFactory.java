package city.iam.federation.linking;

import city.iam.kernel.info.PlainAuthenticatorFactory;
import org.keycloak.authentication.Authenticator;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;

/** {@code city-safe-auto-link}: use instead of "Automatically set existing user" (idp-auto-link). */
public class SafeAutoLinkAuthenticatorFactory extends PlainAuthenticatorFactory {

    public static final String ID = "city-safe-auto-link";
    private static final SafeAutoLinkAuthenticator INSTANCE = new SafeAutoLinkAuthenticator();

    public SafeAutoLinkAuthenticatorFactory() {
        super(ID, "Link existing user only on verified, trusted email",
                "Links to the existing account only when the IdP is trusted for email, asserted it verified, and the local email is verified and equal; otherwise the flow asks for confirmation.",
                null, Requirement.ALTERNATIVE, Requirement.REQUIRED, Requirement.DISABLED);
    }

    @Override
    public Authenticator create(KeycloakSession session) {
        return INSTANCE;
    }
}
