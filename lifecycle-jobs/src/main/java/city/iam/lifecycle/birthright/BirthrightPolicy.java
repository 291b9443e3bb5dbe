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
            checkCondition(r);
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

    private static void checkCondition(BirthrightDocument.Rule r) {
        BirthrightDocument.Condition when = r.when();
        if (when == null) {
            throw invalid("Rule '" + r.id() + "' needs a when: an attribute with its values, or an organization.");
        }
        boolean byAttribute = when.attribute() != null || when.in() != null;
        if (when.byOrganization() == byAttribute) {
            throw invalid("Rule '" + r.id() + "' needs when.attribute with when.in, or when.organization, not both.");
        }
        if (when.byOrganization()) {
            if (when.organization().isBlank()) {
                throw invalid("Rule '" + r.id() + "' needs the alias of an organisation in when.organization.");
            }
        } else if (when.attribute() == null || when.attribute().isBlank() || when.in() == null || when.in().isEmpty()) {
            throw invalid("Rule '" + r.id() + "' needs when.attribute and a non-empty when.in.");
        }
    }

    /** The rules matched by the user's attributes (name → values) and organisation memberships (aliases). */
    public List<BirthrightDocument.Rule> matching(Map<String, List<String>> attributes, Set<String> organizations) {
        return rules.stream().filter(r -> {
            BirthrightDocument.Condition when = r.when();
            if (when.byOrganization()) {
                return organizations.contains(when.organization());
            }
            List<String> values = attributes.getOrDefault(when.attribute(), List.of());
            return values.stream().anyMatch(v -> when.in().stream().anyMatch(w -> w.equalsIgnoreCase(v.trim())));
        }).toList();
    }

    public List<BirthrightDocument.Rule> matching(Map<String, List<String>> attributes) {
        return matching(attributes, Set.of());
    }

    /** The attributes the rules read, plus the start date: what the sweep loads per user. */
    public Set<String> attributeNames() {
        Set<String> names = new HashSet<>();
        rules.stream().filter(r -> !r.when().byOrganization()).forEach(r -> names.add(r.when().attribute()));
        names.add(startDateAttribute);
        return names;
    }

    /** The organisations the rules name (aliases): only where there are any does the sweep read memberships. */
    public Set<String> organizations() {
        Set<String> aliases = new HashSet<>();
        rules.stream().filter(r -> r.when().byOrganization()).forEach(r -> aliases.add(r.when().organization()));
        return aliases;
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
