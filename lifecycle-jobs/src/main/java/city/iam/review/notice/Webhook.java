package city.iam.review.notice;

import city.iam.kernel.json.Json;
import org.apache.http.HttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.entity.ContentType;
import org.apache.http.entity.StringEntity;
import org.apache.http.util.EntityUtils;
import org.jboss.logging.Logger;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;

import java.net.URI;
import java.util.Map;

/**
 * Posts a notice as JSON to the definition's webhook through Keycloak's HTTP client (its trust store, proxy
 * and timeouts apply). The body names campaign, stage, reviewer and counts, never the reviewed people or
 * access, so a chat or ticketing bridge learns no more than the reviewer's inbox. Answers {@code sent} for a
 * 2xx, else {@code failed}; a webhook that is down never stops the job.
 */
public final class Webhook {

    private static final Logger LOG = Logger.getLogger(Webhook.class);

    private Webhook() {
    }

    public static String post(KeycloakSession session, URI url, Map<String, Object> body) {
        HttpPost post = new HttpPost(url);
        post.setEntity(new StringEntity(Json.write(body), ContentType.APPLICATION_JSON));
        try {
            HttpResponse response = session.getProvider(HttpClientProvider.class).getHttpClient().execute(post);
            EntityUtils.consumeQuietly(response.getEntity());
            int status = response.getStatusLine().getStatusCode();
            if (status / 100 == 2) {
                return "sent";
            }
            LOG.warnf("review webhook %s answered %d", url.getHost(), status);
            return "failed";
        } catch (Exception e) {
            LOG.warnf("review webhook %s not reached: %s", url.getHost(), e.getMessage());
            return "failed";
        } finally {
            post.releaseConnection();
        }
    }
}
