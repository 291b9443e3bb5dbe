package city.iam.federation.aggregate;

import city.iam.kernel.error.CityIamException;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * A registered aggregate: where it comes from (a URL to refresh from, or uploads only), the certificate its
 * signature is pinned to, which entities to take, how often to refresh and how big it may be.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AggregateDefinition(@JsonProperty("name") String name,
                                  @JsonProperty("url") String url,
                                  @JsonProperty("signing_certificate") String signingCertificate,
                                  @JsonProperty("filter") EntityFilter filter,
                                  @JsonProperty("refresh_interval") String refreshInterval,
                                  @JsonProperty("max_bytes") Integer maxBytes,
                                  @JsonProperty("enabled") Boolean enabled) {

    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
    public static final int DEFAULT_MAX_BYTES = 128 * 1024 * 1024;
    public static final int HARD_MAX_BYTES = 256 * 1024 * 1024;
    static final Duration MIN_INTERVAL = Duration.ofMinutes(5);

    public static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw CityIamException.badRequest("invalid_name", "An aggregate name is 1-32 lower-case letters, digits and dashes.");
        }
    }

    /** This definition, checked and normalised, under the name from the path. */
    public AggregateDefinition validated(String pathName) {
        checkName(pathName);
        if (name != null && !name.equals(pathName)) {
            throw CityIamException.badRequest("name_mismatch", "The body names aggregate " + name + " but the path names " + pathName + ".");
        }
        if (url != null) {
            URI u;
            try {
                u = URI.create(url.trim());
            } catch (IllegalArgumentException e) {
                throw CityIamException.badRequest("invalid_url", "url is not a valid URL.");
            }
            if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
                throw CityIamException.badRequest("invalid_url", "url must be an absolute http(s) URL.");
            }
        }
        certificate();
        refresh();
        if (maxBytes != null && (maxBytes < 1024 || maxBytes > HARD_MAX_BYTES)) {
            throw CityIamException.badRequest("invalid_max_bytes", "max_bytes must be between 1024 and " + HARD_MAX_BYTES + ".");
        }
        return new AggregateDefinition(pathName, url == null ? null : url.trim(), signingCertificate.trim(),
                filter == null ? EntityFilter.none() : filter, refreshInterval, maxBytes, enabled == null ? Boolean.TRUE : enabled);
    }

    public X509Certificate certificate() {
        if (signingCertificate == null || signingCertificate.isBlank()) {
            throw CityIamException.badRequest("missing_signing_certificate",
                    "signing_certificate (PEM) is required: aggregates are imported only with a pinned signing certificate.");
        }
        String b64 = signingCertificate.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "")
                .replaceAll("\\s", "");
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(b64.getBytes(StandardCharsets.US_ASCII))));
        } catch (IllegalArgumentException | CertificateException e) {
            throw CityIamException.badRequest("invalid_signing_certificate", "signing_certificate is not a PEM X.509 certificate.");
        }
    }

    /** The refresh interval; null when the aggregate is refreshed by upload only. */
    public Duration refresh() {
        if (refreshInterval == null) {
            return null;
        }
        try {
            Duration d = Duration.parse(refreshInterval);
            if (d.compareTo(MIN_INTERVAL) < 0) {
                throw CityIamException.badRequest("invalid_refresh_interval", "refresh_interval must be at least PT5M.");
            }
            return d;
        } catch (DateTimeParseException e) {
            throw CityIamException.badRequest("invalid_refresh_interval", "refresh_interval is not an ISO-8601 duration such as PT6H.");
        }
    }

    public int byteLimit() {
        return maxBytes == null ? DEFAULT_MAX_BYTES : maxBytes;
    }

    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    public EntityFilter entityFilter() {
        return filter == null ? EntityFilter.none() : filter;
    }
}
