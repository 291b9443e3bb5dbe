package city.iam.lifecycle.birthright;

import city.iam.kernel.error.CityIamException;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;

import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated birthright policy, plain Java. Which rules a user's attributes match is decided here; what the
 * rules name (groups, roles, clients) is checked against the realm by {@link BirthrightPolicies}.
 */
public record BirthrightPolicy(List<BirthrightDocument.Rule> rules, Duration moverGrace, String startDateAttribute, int version) {

    static final int MAX_RULES = 200;
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public static BirthrightPolicy parse(BirthrightDocument doc, int version) {
        if (doc.rules() == null || doc.rules().isEmpty()) {
            throw invalid("rules is required and not empty.");
        }
        if (doc.rules().size() > MAX_RULES) {
            throw invalid("At most " + MAX_RULES + " rules.");
        }
        Set<String> ids = new HashSet<>();
        for (BirthrightDocument.Rule r : doc.rules()) {
            if (r.id() == null || !ID.matcher(r.id()).matches()) {
                throw invalid("Each rule needs an id of lower-case letters, digits and dashes (got '" + r.id() + "').");
            }
            if (!ids.add(r.id())) {
                throw invalid("Rule id '" + r.id() + "' is used twice.");
            }
            if (r.when() == null || r.when().attribute() == null || r.when().attribute().isBlank() || r.when().in() == null || r.when().in().isEmpty()) {
                throw invalid("Rule '" + r.id() + "' needs when.attribute and a non-empty when.in.");
            }
            if (size(r.groups()) + size(r.realmRoles()) + size(r.clientRoles()) == 0) {
                throw invalid("Rule '" + r.id() + "' grants nothing: give groups, realm_roles or client_roles.");
            }
        }
        Duration grace;
        try {
            grace = doc.moverGrace() == null ? Duration.ofDays(14) : Duration.parse(doc.moverGrace());
        } catch (DateTimeParseException e) {
            throw invalid("mover_grace is an ISO-8601 duration such as P14D.");
        }
        if (grace.isNegative()) {
            throw invalid("mover_grace cannot be negative.");
        }
        String start = doc.startDateAttribute() == null || doc.startDateAttribute().isBlank() ? "valid_from" : doc.startDateAttribute().trim();
        return new BirthrightPolicy(List.copyOf(doc.rules()), grace, start, version);
    }

    /** The rules the user's attributes (name → values) match. */
    public List<BirthrightDocument.Rule> matching(Map<String, List<String>> attributes) {
        return rules.stream().filter(r -> {
            List<String> values = attributes.getOrDefault(r.when().attribute(), List.of());
            return values.stream().anyMatch(v -> r.when().in().stream().anyMatch(w -> w.equalsIgnoreCase(v.trim())));
        }).toList();
    }

    /** The attributes the rules read, plus the start date: what the sweep loads per user. */
    public Set<String> attributeNames() {
        Set<String> names = new HashSet<>();
        rules.forEach(r -> names.add(r.when().attribute()));
        names.add(startDateAttribute);
        return names;
    }

    public BirthrightDocument document(String updatedAt) {
        return new BirthrightDocument(rules, moverGrace.toString(), startDateAttribute, version, updatedAt);
    }

    private static int size(List<?> list) {
        return list == null ? 0 : list.size();
    }

    private static CityIamException invalid(String why) {
        return CityIamException.badRequest("invalid_policy", why);
    }
}
