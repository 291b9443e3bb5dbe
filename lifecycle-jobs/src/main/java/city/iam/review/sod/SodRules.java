package city.iam.review.sod;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import city.iam.kernel.settings.RealmSettings;
import city.iam.review.campaign.EffectiveAccess;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ReviewDefinitions;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A realm's SoD rules, kept as one realm attribute ({@code city-iam.reviews.sod-rules}) so they travel with a realm
 * export and every node's realm cache sees a change; each save is a new version.
 */
public final class SodRules {

    static final String KEY = "reviews.sod-rules";

    private SodRules() {
    }

    public static SodRulesDocument document(RealmModel realm) {
        String json = RealmSettings.of(realm).string(KEY, null);
        return json == null ? new SodRulesDocument(List.of(), 0, null) : Json.read(json.getBytes(StandardCharsets.UTF_8), SodRulesDocument.class);
    }

    public static List<SodRule> rules(RealmModel realm) {
        return SodRule.parseAll(document(realm));
    }

    /** Validates (every side and definition must exist) and stores a new version; answers what was stored. */
    public static SodRulesDocument put(KeycloakSession session, RealmModel realm, EntityManager em, SodRulesDocument wanted, Instant now) {
        List<SodRule> rules = SodRule.parseAll(wanted);
        EffectiveAccess access = new EffectiveAccess(session, realm, em);
        for (SodRule r : rules) {
            for (ReviewDefinition.Selector side : List.of(r.reviewed(), r.conflicting())) {
                if (access.access(side) == null) {
                    throw CityIamException.badRequest("unknown_access", "Rule '" + r.id() + "' names " + side.describe() + ", which this realm does not have.");
                }
            }
            if (ReviewDefinitions.document(realm, r.definitionId()).isEmpty()) {
                throw CityIamException.badRequest("unknown_definition", "Rule '" + r.id() + "' names review definition '" + r.definitionId()
                        + "', which this realm does not have.");
            }
        }
        SodRulesDocument stored = new SodRulesDocument(rules.stream().map(SodRule::document).toList(), document(realm).version() + 1, now.toString());
        RealmSettings.of(realm).set(KEY, Json.write(stored));
        return stored;
    }
}
