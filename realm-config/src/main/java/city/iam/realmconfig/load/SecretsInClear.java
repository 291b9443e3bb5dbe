package city.iam.realmconfig.load;

import city.iam.realmconfig.model.IdentityProviderForm;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Refuses a secret written in clear in a file (an identity provider's {@code clientSecret}): it must be a
 * reference the tool resolves ({@code ${env:NAME}}, {@code ${file:/path}}) or a Keycloak vault reference
 * ({@code ${vault.key}}), so the repository never holds it. Checked before references are resolved.
 */
final class SecretsInClear {

    private SecretsInClear() {
    }

    static void check(ObjectType type, JsonNode objects, String file, List<Problem> problems) {
        if (type != ObjectType.IDENTITY_PROVIDERS || !objects.isArray()) {
            return;
        }
        for (int i = 0; i < objects.size(); i++) {
            JsonNode config = objects.get(i).path("config");
            for (String key : IdentityProviderForm.SECRET_KEYS) {
                JsonNode v = config.get(key);
                if (v != null && v.isTextual() && !v.asText().isEmpty() && !v.asText().contains("${")) {
                    problems.add(new Problem(file, Pointer.child(Pointer.child(Pointer.index("/" + type.key(), i), "config"), key),
                            "'" + key + "' is a secret: give it as ${env:NAME}, ${file:/path} or a vault reference ${vault.key}, never in clear."));
                }
            }
        }
    }
}
