package city.iam.federation.aggregate;

import city.iam.kernel.json.Json;
import city.iam.kernel.settings.RealmSettings;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Registered aggregates and their last import, as realm settings ({@code city-iam.federation.aggregate.<name>}
 * and {@code ...aggregate-status.<name>}): a handful of small JSON values per realm, cluster-cached with the
 * realm and carried by a realm export. The aggregate document itself is never stored; only its URL.
 */
public final class AggregateStore {

    private static final String DEF = "federation.aggregate.";
    private static final String STATUS = "federation.aggregate-status.";

    /** The outcome of the last import attempt. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Status(@JsonProperty("last_attempt") String lastAttempt,
                         @JsonProperty("last_success") String lastSuccess,
                         @JsonProperty("valid_until") String validUntil,
                         @JsonProperty("idps") Integer idps,
                         @JsonProperty("last_error") String lastError,
                         @JsonProperty("trigger") String trigger) {
    }

    private final RealmModel realm;
    private final RealmSettings settings;

    public AggregateStore(RealmModel realm) {
        this.realm = realm;
        this.settings = RealmSettings.of(realm);
    }

    public Optional<AggregateDefinition> get(String name) {
        return Optional.ofNullable(settings.string(DEF + name, null)).map(json -> Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), AggregateDefinition.class));
    }

    public List<AggregateDefinition> all() {
        List<AggregateDefinition> out = new ArrayList<>();
        realm.getAttributes().keySet().stream().filter(k -> k.startsWith(RealmSettings.PREFIX + DEF)).sorted()
                .forEach(k -> get(k.substring((RealmSettings.PREFIX + DEF).length())).ifPresent(out::add));
        return out;
    }

    public void put(AggregateDefinition definition) {
        settings.set(DEF + definition.name(), Json.write(definition));
    }

    public void remove(String name) {
        settings.set(DEF + name, null);
        settings.set(STATUS + name, null);
    }

    public Optional<Status> status(String name) {
        return Optional.ofNullable(settings.string(STATUS + name, null)).map(json -> Json.read(json.getBytes(java.nio.charset.StandardCharsets.UTF_8), Status.class));
    }

    public void status(String name, Status status) {
        settings.set(STATUS + name, Json.write(status));
    }
}
