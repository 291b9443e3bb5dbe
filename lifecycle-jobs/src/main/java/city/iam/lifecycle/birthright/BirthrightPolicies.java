package city.iam.lifecycle.birthright;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import city.iam.kernel.settings.RealmSettings;
import city.iam.lifecycle.account.GrantTarget;
import city.iam.review.definition.Organizations;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A realm's birthright policy, kept as the realm attribute {@code city-iam.lifecycle.birthright-policy} (it
 * travels with realm export and import, and the realm cache keeps nodes in step), and the grants its rules name.
 */
public final class BirthrightPolicies {

    static final String KEY = "lifecycle.birthright-policy";

    private BirthrightPolicies() {
    }

    public static Optional<BirthrightDocument> document(RealmModel realm) {
        String json = RealmSettings.of(realm).string(KEY, null);
        return json == null ? Optional.empty() : Optional.of(Json.read(json.getBytes(StandardCharsets.UTF_8), BirthrightDocument.class));
    }

    public static Optional<BirthrightPolicy> policy(RealmModel realm) {
        return document(realm).map(d -> BirthrightPolicy.parse(d, d.version() == null ? 1 : d.version()));
    }

    /**
     * Validates, including every group, role, client, required action and organisation the rules name; stores a
     * new version.
     */
    public static BirthrightDocument put(KeycloakSession session, RealmModel realm, BirthrightDocument wanted, Instant now) {
        int version = document(realm).map(d -> d.version() == null ? 1 : d.version() + 1).orElse(1);
        BirthrightPolicy policy = BirthrightPolicy.parse(wanted, version);
        for (BirthrightDocument.Rule rule : policy.rules()) {
            String alias = rule.when().organization();
            if (alias != null && Organizations.byAlias(session, realm, alias) == null) {
                throw CityIamException.badRequest("unknown_organization", "Rule '" + rule.id() + "' names organisation '" + alias
                        + "', which realm " + realm.getName() + " does not have" + (realm.isOrganizationsEnabled() ? "." : " (Organizations are off)."));
            }
            grants(session, realm, rule);
            for (String action : list(rule.requiredActions())) {
                if (realm.getRequiredActionProviderByAlias(action) == null) {
                    throw CityIamException.badRequest("invalid_policy", "Rule '" + rule.id() + "' names required action '" + action
                            + "', which realm " + realm.getName() + " does not have.");
                }
            }
        }
        BirthrightDocument stored = policy.document(now.toString());
        RealmSettings.of(realm).set(KEY, Json.write(stored));
        return stored;
    }

    public static void remove(RealmModel realm) {
        RealmSettings.of(realm).set(KEY, null);
    }

    /** What one rule grants, resolved in the realm; an unknown name is refused with 400. */
    static List<GrantTarget> grants(KeycloakSession session, RealmModel realm, BirthrightDocument.Rule rule) {
        List<GrantTarget> out = new ArrayList<>();
        for (String path : list(rule.groups())) {
            out.add(GrantTarget.resolve(session, realm, null, null, null, path));
        }
        for (String role : list(rule.realmRoles())) {
            out.add(GrantTarget.resolve(session, realm, role, null, null, null));
        }
        for (BirthrightDocument.ClientRole cr : list(rule.clientRoles())) {
            out.add(GrantTarget.resolve(session, realm, null, cr.client(), cr.role(), null));
        }
        return out;
    }

    /** What each rule grants, resolved once per batch: group paths and role names cost lookups. */
    static Map<String, List<GrantTarget>> grantsByRule(KeycloakSession session, RealmModel realm, BirthrightPolicy policy) {
        Map<String, List<GrantTarget>> out = new LinkedHashMap<>();
        policy.rules().forEach(rule -> out.put(rule.id(), grants(session, realm, rule)));
        return out;
    }

    /** Every grant the matching rules give, keyed by target id, with the first rule that gives it. */
    static Map<String, Entitled> entitlements(Map<String, List<GrantTarget>> grantsByRule, List<BirthrightDocument.Rule> matching) {
        Map<String, Entitled> out = new LinkedHashMap<>();
        for (BirthrightDocument.Rule rule : matching) {
            for (GrantTarget target : grantsByRule.get(rule.id())) {
                out.putIfAbsent(target.id(), new Entitled(target, rule.id()));
            }
        }
        return out;
    }

    record Entitled(GrantTarget target, String ruleId) {
    }

    static void addRequiredActions(UserModel user, List<BirthrightDocument.Rule> matching) {
        matching.forEach(r -> list(r.requiredActions()).forEach(user::addRequiredAction));
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }
}
