package city.iam.federation.aggregate;

import city.iam.kernel.error.CityIamException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Downloads an aggregate with a size cap and timeouts. Runs only on the refresh path (admin "refresh now" or
 * the scheduled job), never during a login.
 */
final class AggregateFetcher {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private AggregateFetcher() {
    }

    static byte[] fetch(String url, int limit) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                .header("Accept", "application/samlmetadata+xml, application/xml;q=0.9").GET().build();
        try {
            HttpResponse<InputStream> r = CLIENT.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() != 200) {
                    throw new CityIamException(502, "fetch_failed", "The aggregate URL answered HTTP " + r.statusCode() + ".");
                }
                byte[] body = in.readNBytes(limit + 1);
                if (body.length > limit) {
                    throw new CityIamException(413, "metadata_too_large", "The aggregate is larger than its " + limit + "-byte limit.");
                }
                return body;
            }
        } catch (IOException e) {
            throw new CityIamException(502, "fetch_failed", "The aggregate could not be downloaded: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CityIamException(503, "fetch_interrupted", "The download was interrupted.");
        }
    }
}
