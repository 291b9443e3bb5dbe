package city.iam.kernel.tls;

import org.keycloak.Config;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderConfigurationBuilder;
import org.keycloak.services.x509.X509ClientCertificateLookup;
import org.keycloak.services.x509.X509ClientCertificateLookupFactory;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code --spi-x509cert-lookup--provider=city-iam-proxy} with {@code --spi-x509cert-lookup--city-iam-proxy--trusted-proxies=10.1.0.0/16}
 * and/or {@code ...--trusted-proxy-pins=<base64url SPKI SHA-256>}. A bad range stops the server at start-up
 * rather than trusting too much at run time.
 */
public class TrustedProxyCertificateLookupFactory implements X509ClientCertificateLookupFactory {

    public static final String ID = "city-iam-proxy";

    private TrustedProxyCertificateLookup.Settings settings;

    @Override
    public X509ClientCertificateLookup create(KeycloakSession session) {
        return new TrustedProxyCertificateLookup(session, settings);
    }

    @Override
    public void init(Config.Scope config) {
        Set<String> pins = Arrays.stream(config.get("trusted-proxy-pins", "").split("[,\\s]+"))
                .filter(s -> !s.isBlank()).collect(Collectors.toUnmodifiableSet());
        settings = new TrustedProxyCertificateLookup.Settings(
                AddressRanges.parse(config.get("trusted-proxies", "")), pins,
                config.get("certificate-header", "Client-Cert"), config.get("chain-header", "Client-Cert-Chain"),
                config.getInt("certificate-chain-length", 3));
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        return ProviderConfigurationBuilder.create()
                .property().name("trusted-proxies").type("string")
                .helpText("Proxy addresses (CIDR, comma-separated) whose RFC 9440 certificate headers are honoured.").add()
                .property().name("trusted-proxy-pins").type("string")
                .helpText("SPKI SHA-256 pins (base64url) of proxies that authenticate to Keycloak with their own TLS certificate.").add()
                .property().name("certificate-header").type("string").defaultValue("Client-Cert")
                .helpText("Header carrying the client certificate.").add()
                .property().name("chain-header").type("string").defaultValue("Client-Cert-Chain")
                .helpText("Header carrying the rest of the chain.").add()
                .property().name("certificate-chain-length").type("int").defaultValue(3)
                .helpText("Most certificates accepted in the chain header.").add()
                .build();
    }
}
