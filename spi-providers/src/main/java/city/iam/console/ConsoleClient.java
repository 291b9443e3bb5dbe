package city.iam.console;

import org.jboss.logging.Logger;
import org.keycloak.models.ClientModel;
import org.keycloak.models.RealmModel;

import java.util.Set;

/**
 * The console's public OIDC client: authorization code with PKCE (S256 required), redirects only back to the
 * console under this server's own URL, no direct grants. Created once per realm; an administrator's later
 * changes to it are kept.
 */
public final class ConsoleClient {

    public static final String CLIENT_ID = "city-iam-console";
    private static final Logger LOG = Logger.getLogger(ConsoleClient.class);

    private ConsoleClient() {
    }

    public static void ensure(RealmModel realm) {
        if (realm.getClientByClientId(CLIENT_ID) != null) {
            return;
        }
        ClientModel client = realm.addClient(CLIENT_ID);
        client.setName("City IAM console");
        client.setEnabled(true);
        client.setPublicClient(true);
        client.setStandardFlowEnabled(true);
        client.setDirectAccessGrantsEnabled(false);
        client.setImplicitFlowEnabled(false);
        client.setServiceAccountsEnabled(false);
        client.setFullScopeAllowed(true);
        client.setProtocol("openid-connect");
        client.setRootUrl("${authBaseUrl}");
        client.setBaseUrl("/realms/" + realm.getName() + "/city-iam/console/");
        client.setRedirectUris(Set.of("/realms/" + realm.getName() + "/city-iam/console/*"));
        client.setWebOrigins(Set.of("+"));
        client.setAttribute("pkce.code.challenge.method", "S256");
        client.setAttribute("post.logout.redirect.uris", "/realms/" + realm.getName() + "/city-iam/console/*");
        LOG.infof("created client %s in realm %s", CLIENT_ID, realm.getName());
    }
}
