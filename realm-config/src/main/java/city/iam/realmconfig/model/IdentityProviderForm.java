package city.iam.realmconfig.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;
import java.util.Map;

/**
 * How an identity provider of {@code identity-providers.json} meets Keycloak's three APIs, and the secrets rule.
 * <ul>
 *   <li>Keycloak answers secret config values (an OIDC {@code clientSecret}) masked as {@value #MASKED}. A masked
 *   live value is never reported as a change; the declared secret is written when the IdP is created or updated
 *   for another reason, and export writes a {@code ${env:IDP_<ALIAS>_<KEY>}} placeholder, never the value.</li>
 *   <li>Only the config keys a file names are compared; keys the server adds are left alone (and kept on update).</li>
 *   <li>{@code assurance} is the IdP's {@code city-assurance-mapper} ({@value #MAPPER_NAME}): {@code preset},
 *   {@code table}, {@code when_missing}, {@code sync_mode} are its {@code acr.preset}, {@code acr.table} (a JSON
 *   object in a string), {@code acr.when.missing} and {@code syncMode}.</li>
 * </ul>
 */
public final class IdentityProviderForm {

    /** What Keycloak's admin API answers in place of a secret. */
    public static final String MASKED = "**********";
    public static final String MAPPER_TYPE = "city-assurance-mapper";
    public static final String MAPPER_NAME = "city-assurance";
    /** Config keys that hold secrets: the only ones a file must give as a reference, never in clear. */
    public static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("clientSecret");

    private static final ObjectMapper JSON = new ObjectMapper();

    private IdentityProviderForm() {
    }

    static void defaults(ObjectNode idp) {
        for (String flag : new String[] {"trustEmail", "storeToken", "linkOnly", "hideOnLogin"}) {
            idp.put(flag, idp.path(flag).asBoolean(false));
        }
        idp.put("enabled", idp.path("enabled").asBoolean(true));
        if (idp.path("firstBrokerLoginFlowAlias").asText("").isBlank()) {
            idp.put("firstBrokerLoginFlowAlias", "first broker login");
        }
        if (idp.path("postBrokerLoginFlowAlias").asText("").isBlank()) {
            idp.remove("postBrokerLoginFlowAlias");
        }
    }

    static ObjectNode comparable(ObjectNode desired, ObjectNode live) {
        ObjectNode out = live.deepCopy();
        JsonNode wanted = desired.path("config");
        JsonNode have = live.path("config");
        if (!wanted.isObject() || wanted.isEmpty()) {
            out.remove("config");
            return out;
        }
        ObjectNode config = JSON.createObjectNode();
        wanted.properties().forEach(e -> {
            JsonNode v = have.get(e.getKey());
            if (v != null) {
                config.set(e.getKey(), MASKED.equals(v.asText()) ? e.getValue() : v);
            }
        });
        out.set("config", config);
        return out;
    }

    /** {@code assurance} fields and the mapper config keys that hold them (the table aside: it is JSON in a string). */
    private static final Map<String, String> MAPPER_KEYS = Map.of("preset", "acr.preset", "when_missing", "acr.when.missing",
            "sync_mode", "syncMode");

    /** The {@code assurance} object of a live mapper's config. */
    public static ObjectNode assurance(JsonNode mapperConfig) {
        ObjectNode a = JSON.createObjectNode();
        MAPPER_KEYS.forEach((field, key) -> copy(mapperConfig, key, a, field));
        String table = mapperConfig.path("acr.table").asText("");
        if (!table.isBlank()) {
            try {
                a.set("table", JSON.readTree(table));
            } catch (JsonProcessingException e) {
                a.put("table", table);
            }
        }
        return a;
    }

    /** The mapper config that carries a declared {@code assurance} object. */
    public static ObjectNode mapperConfig(JsonNode assurance) {
        ObjectNode c = JSON.createObjectNode();
        MAPPER_KEYS.forEach((field, key) -> copy(assurance, field, c, key));
        if (assurance.has("table")) {
            c.put("acr.table", assurance.get("table").toString());
        }
        return c;
    }

    /** The placeholder export writes for a masked secret: {@code ${env:IDP_UTILITY_A_CLIENT_SECRET}}. */
    public static String placeholder(String alias, String key) {
        String k = key.replaceAll("([a-z])([A-Z])", "$1_$2");
        return "${env:IDP_" + (alias + "_" + k).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_") + "}";
    }

    /** The exported form of a live IdP: masked secrets replaced by their placeholder. */
    public static ObjectNode exported(ObjectNode live) {
        ObjectNode out = live.deepCopy();
        if (out.get("config") instanceof ObjectNode config) {
            config.properties().forEach(e -> {
                if (MASKED.equals(e.getValue().asText())) {
                    e.setValue(JSON.getNodeFactory().textNode(placeholder(live.path("alias").asText(), e.getKey())));
                }
            });
        }
        return out;
    }

    private static void copy(JsonNode from, String fromKey, ObjectNode to, String toKey) {
        if (from.hasNonNull(fromKey) && !from.get(fromKey).asText().isEmpty()) {
            to.put(toKey, from.get(fromKey).asText());
        }
    }
}
