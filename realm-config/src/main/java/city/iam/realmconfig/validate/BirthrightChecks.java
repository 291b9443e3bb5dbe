package city.iam.realmconfig.validate;

import city.iam.realmconfig.model.Declared;
import city.iam.realmconfig.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The birthright policy's rules beyond its schema, as lifecycle-jobs {@code BirthrightPolicy.parse} checks them:
 * at least one rule, at most {@value #MAX_RULES}, distinct rule ids, a condition that is either an attribute with
 * a non-empty {@code when.in} or an organisation, and every rule granting something.
 */
final class BirthrightChecks {

    private static final int MAX_RULES = 100;

    private BirthrightChecks() {
    }

    static void check(Declared policy, List<Problem> problems) {
        JsonNode rules = policy.object().path("rules");
        if (rules.isEmpty() || rules.size() > MAX_RULES) {
            problems.add(new Problem(policy.file(), policy.pointer() + "/rules", "The birthright policy needs 1 to " + MAX_RULES + " rules."));
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            String at = policy.pointer() + "/rules/" + i;
            String id = rule.path("id").asText();
            if (!ids.add(id)) {
                problems.add(new Problem(policy.file(), at + "/id", "Rule id '" + id + "' is used twice."));
            }
            JsonNode when = rule.path("when");
            boolean byAttribute = when.has("attribute") || when.has("in");
            if (when.has("organization") && byAttribute) {
                problems.add(new Problem(policy.file(), at + "/when", "Rule '" + id + "' needs when.attribute with when.in, or when.organization, not both."));
            } else if (when.has("organization")) {
                if (when.path("organization").asText().isBlank()) {
                    problems.add(new Problem(policy.file(), at + "/when/organization", "Rule '" + id + "' needs the alias of an organisation in when.organization."));
                }
            } else {
                if (when.path("attribute").asText("").isBlank()) {
                    problems.add(new Problem(policy.file(), at + "/when/attribute", "Rule '" + id + "' needs when.attribute (or when.organization)."));
                }
                if (when.path("in").isEmpty()) {
                    problems.add(new Problem(policy.file(), at + "/when/in", "Rule '" + id + "' needs at least one value in when.in."));
                }
            }
            if (rule.path("groups").isEmpty() && rule.path("realm_roles").isEmpty() && rule.path("client_roles").isEmpty()) {
                problems.add(new Problem(policy.file(), at, "Rule '" + id + "' grants nothing: give groups, realm_roles or client_roles."));
            }
        }
    }
}
