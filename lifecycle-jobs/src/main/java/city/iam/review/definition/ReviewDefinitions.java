package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import city.iam.kernel.settings.RealmSettings;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A realm's review definitions, each kept as the realm attribute {@code city-iam.reviews.definition.<id>}: they
 * travel with a realm export and import, and the realm cache keeps every node in step. Each save is a new
 * version; a campaign keeps a copy of the version it was launched from.
 */
public final class ReviewDefinitions {

    static final String PREFIX = "reviews.definition.";
    static final int MAX_DEFINITIONS = 200;

    private ReviewDefinitions() {
    }

    public static Optional<DefinitionDocument> document(RealmModel realm, String id) {
        if (id == null || !ReviewDefinition.ID.matcher(id).matches()) {
            return Optional.empty();
        }
        String json = RealmSettings.of(realm).string(PREFIX + id, null);
        return json == null ? Optional.empty() : Optional.of(Json.read(json.getBytes(StandardCharsets.UTF_8), DefinitionDocument.class));
    }

    public static DefinitionDocument require(RealmModel realm, String id) {
        return document(realm, id).orElseThrow(() ->
                CityIamException.notFound("definition_not_found", "Realm " + realm.getName() + " has no review definition '" + id + "'."));
    }

    public static ReviewDefinition definition(DefinitionDocument stored) {
        return ReviewDefinition.parse(stored, stored.version() == null ? 1 : stored.version(),
                stored.updatedAt() == null ? Instant.EPOCH : Instant.parse(stored.updatedAt()));
    }

    public static List<DefinitionDocument> list(RealmModel realm) {
        String prefix = RealmSettings.PREFIX + PREFIX;
        return realm.getAttributes().entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix))
                .sorted(Map.Entry.comparingByKey())
                .map(e -> Json.read(e.getValue().getBytes(StandardCharsets.UTF_8), DefinitionDocument.class))
                .toList();
    }

    /** Validates (model references included) and stores a new version; answers what was stored. */
    public static DefinitionDocument put(KeycloakSession session, RealmModel realm, DefinitionDocument wanted, Instant now) {
        Optional<DefinitionDocument> current = document(realm, wanted == null ? null : wanted.id());
        if (current.isEmpty() && list(realm).size() >= MAX_DEFINITIONS) {
            throw CityIamException.conflict("too_many_definitions", "A realm holds at most " + MAX_DEFINITIONS + " review definitions.");
        }
        int version = current.map(d -> d.version() == null ? 1 : d.version() + 1).orElse(1);
        ReviewDefinition definition = ReviewDefinition.parse(wanted, version, now);
        checkReferences(session, realm, definition);
        DefinitionDocument stored = definition.document(now.toString());
        RealmSettings.of(realm).set(PREFIX + definition.id(), Json.write(stored));
        return stored;
    }

    public static void remove(RealmModel realm, String id) {
        RealmSettings.of(realm).set(PREFIX + id, null);
    }

    /** Roles, clients, groups and users a definition names must exist, so a launch cannot fail on a typo. */
    static void checkReferences(KeycloakSession session, RealmModel realm, ReviewDefinition d) {
        for (ReviewDefinition.Selector s : d.selectors()) {
            switch (s.type()) {
                case REALM_ROLE -> {
                    if (realm.getRole(s.name()) == null) {
                        throw unknown("unknown_role", s.describe());
                    }
                }
                case CLIENT_ROLE -> {
                    ClientModel client = realm.getClientByClientId(s.client());
                    if (client == null || client.getRole(s.name()) == null) {
                        throw unknown("unknown_role", s.describe());
                    }
                }
                case GROUP -> {
                    if (KeycloakModelUtils.findGroupByPath(session, realm, s.path()) == null) {
                        throw unknown("unknown_group", s.describe());
                    }
                }
                case ORGANIZATION -> {
                    if (!realm.isOrganizationsEnabled()) {
                        throw CityIamException.badRequest("organizations_disabled",
                                "The definition reviews organization " + s.name() + ", but Organizations are not enabled in this realm.");
                    }
                    if (Organizations.byAlias(session, realm, s.name()) == null) {
                        throw unknown("unknown_organization", s.describe());
                    }
                }
                case IDP_LINK -> {
                    if (session.identityProviders().getByAlias(s.name()) == null) {
                        throw unknown("unknown_identity_provider", "identity provider " + s.name());
                    }
                }
                case SERVICE_ACCOUNT -> {
                    if (s.client() != null) {
                        ClientModel client = realm.getClientByClientId(s.client());
                        if (client == null || !client.isServiceAccountsEnabled()) {
                            throw unknown("unknown_service_account", "the service account of client " + s.client());
                        }
                    }
                }
                case ACCOUNT -> {
                    // Any attribute may be filtered on; an attribute nobody has selects nobody.
                }
            }
        }
        for (ReviewDefinition.ReviewerSpec r : d.reviewers().values()) {
            if (r.group() != null && KeycloakModelUtils.findGroupByPath(session, realm, r.group()) == null) {
                throw unknown("unknown_group", "group " + r.group() + " of reviewer '" + r.name() + "'");
            }
            for (String u : r.users()) {
                if (session.users().getUserByUsername(realm, u) == null) {
                    throw unknown("unknown_user", "user " + u + " of reviewer '" + r.name() + "'");
                }
            }
        }
        if (d.fallbackReviewer() != null && session.users().getUserByUsername(realm, d.fallbackReviewer()) == null) {
            throw unknown("unknown_user", "fallback_reviewer " + d.fallbackReviewer());
        }
        if (d.breakGlassGroup() != null && KeycloakModelUtils.findGroupByPath(session, realm, d.breakGlassGroup()) == null) {
            throw unknown("unknown_group", "blast_radius.break_glass_group " + d.breakGlassGroup());
        }
    }

    private static CityIamException unknown(String code, String what) {
        return CityIamException.badRequest(code, "The definition names " + what + ", which this realm does not have.");
    }
}
