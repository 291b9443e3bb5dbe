package city.iam.lifecycle.settings;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import city.iam.kernel.settings.RealmSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A group of realm settings managed as one policy document ({@code /lifecycle/policies/leaver}, {@code …/hygiene}).
 * The values stay in the realm attributes the jobs have always read, so realms configured by attribute keep
 * working. A document replaces the whole group: a field left out returns to its default, which is what a
 * declarative tool expects.
 */
public final class SettingsPolicy {

    /** A check of a parsed document against the realm (e.g. that a named organisation exists); throws a 400. */
    public interface Check {
        void check(KeycloakSession session, RealmModel realm, Map<String, String> values);
    }

    private final String name;
    private final List<Setting<?>> settings;
    private final Check check;

    public SettingsPolicy(String name, List<Setting<?>> settings) {
        this(name, settings, (session, realm, values) -> { });
    }

    public SettingsPolicy(String name, List<Setting<?>> settings, Check check) {
        this.name = name;
        this.settings = settings;
        this.check = check;
    }

    public String name() {
        return name;
    }

    /** Every setting with its value or default; unset optional ones are left out. */
    public ObjectNode effective(RealmModel realm) {
        RealmSettings s = RealmSettings.of(realm);
        ObjectNode out = Json.MAPPER.createObjectNode();
        for (Setting<?> setting : settings) {
            JsonNode v = setting.json(s);
            if (v != null) {
                out.set(setting.field(), v);
            }
        }
        return out;
    }

    /** Checks the whole document, then writes it: a refused document changes nothing. */
    public void put(KeycloakSession session, RealmModel realm, JsonNode document) {
        Map<String, String> values = parse(document);
        check.check(session, realm, values);
        RealmSettings s = RealmSettings.of(realm);
        settings.forEach(setting -> s.set(setting.key(), values.get(setting.key())));
    }

    /** Back to the defaults. */
    public void reset(RealmModel realm) {
        RealmSettings s = RealmSettings.of(realm);
        settings.forEach(setting -> s.set(setting.key(), null));
    }

    /** The attribute values a document asks for, by key (absent or null fields: default); 400 on anything else. */
    public Map<String, String> parse(JsonNode document) {
        if (document == null || !document.isObject()) {
            throw CityIamException.badRequest("invalid_policy", "The " + name + " policy must be a JSON object.");
        }
        Map<String, Setting<?>> byField = new LinkedHashMap<>();
        settings.forEach(s -> byField.put(s.field(), s));
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : document.properties()) {
            Setting<?> setting = byField.get(e.getKey());
            if (setting == null) {
                throw CityIamException.badRequest("unknown_field", "The " + name + " policy has no field '" + e.getKey()
                        + "'; its fields are " + byField.keySet() + ".");
            }
            if (e.getValue().isNull()) {
                continue;
            }
            try {
                values.put(setting.key(), setting.parse(e.getValue()));
            } catch (IllegalArgumentException bad) {
                throw CityIamException.badRequest("invalid_policy", bad.getMessage());
            }
        }
        return values;
    }
}
