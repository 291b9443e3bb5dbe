package city.iam.federation.assurance;

import city.iam.kernel.json.Json;
import com.fasterxml.jackson.core.type.TypeReference;
import org.keycloak.models.IdentityProviderMapperModel;

import java.util.Map;

/**
 * Reads a mapper's configuration into an {@link AcrTable}: a preset vocabulary plus custom entries
 * ({@code acr.table}, a JSON object upstream → city acr) that override it, and the optional city acr for an
 * IdP that never sends one. A broken configuration is an {@link IllegalArgumentException}: logins refuse.
 */
final class AssuranceConfig {

    static final String PRESET = "acr.preset";
    static final String TABLE = "acr.table";
    static final String WHEN_MISSING = "acr.when.missing";

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private AssuranceConfig() {
    }

    static AcrTable table(IdentityProviderMapperModel model) {
        Map<String, String> config = model.getConfig() == null ? Map.of() : model.getConfig();
        AcrPreset preset = AcrPreset.byId(config.get(PRESET))
                .orElseThrow(() -> new IllegalArgumentException("unknown acr preset " + config.get(PRESET)));
        return preset.table().overriddenBy(custom(config.get(TABLE)));
    }

    static AcrTable custom(String json) {
        if (json == null || json.isBlank()) {
            return AcrTable.empty();
        }
        try {
            return AcrTable.of(Json.MAPPER.readValue(json, STRING_MAP));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("acr.table is not a JSON object of strings: " + e.getMessage(), e);
        }
    }

    static String whenMissing(IdentityProviderMapperModel model) {
        return model.getConfig() == null ? null : model.getConfig().get(WHEN_MISSING);
    }
}
