package city.iam.review.sod;

import city.iam.kernel.error.CityIamException;
import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A validated SoD rule: {@link #reviewed} is the side an SoD review decides on, {@link #conflicting} the other. */
public record SodRule(String id, String name, Severity severity, String mitigation, ReviewDefinition.Selector reviewed,
                      ReviewDefinition.Selector conflicting, String definitionId) {

    static final int MAX_RULES = 200;

    public enum Severity { LOW, MEDIUM, HIGH, CRITICAL }

    /** Why the review is asked, shown as the item's recommendation reason. */
    public String reason() {
        return "conflicts with " + conflicting.describe() + " (SoD rule " + id + ", severity " + severity.name().toLowerCase(Locale.ROOT) + ")";
    }

    public static List<SodRule> parseAll(SodRulesDocument d) {
        if (d == null || d.rules() == null) {
            throw bad("missing_field", "rules is required (an empty list removes every rule).");
        }
        if (d.rules().size() > MAX_RULES) {
            throw bad("too_many_rules", "A realm holds at most " + MAX_RULES + " SoD rules.");
        }
        List<SodRule> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (SodRulesDocument.Rule r : d.rules()) {
            SodRule rule = parse(r);
            if (!ids.add(rule.id())) {
                throw bad("duplicate_rule", "Two rules have the id '" + rule.id() + "'.");
            }
            out.add(rule);
        }
        return List.copyOf(out);
    }

    static SodRule parse(SodRulesDocument.Rule r) {
        if (r == null || r.id() == null || !ReviewDefinition.ID.matcher(r.id()).matches()) {
            throw bad("invalid_id", "Every rule needs an id: lower-case letters, digits and '-', at most 64 characters.");
        }
        if (r.sides() == null || r.sides().size() != 2) {
            throw bad("invalid_sides", "Rule '" + r.id() + "' needs exactly two sides.");
        }
        ReviewDefinition.Selector a = ReviewDefinition.selector(r.sides().get(0));
        ReviewDefinition.Selector b = ReviewDefinition.selector(r.sides().get(1));
        if (a.equals(b)) {
            throw bad("invalid_sides", "Rule '" + r.id() + "' names " + a.describe() + " on both sides.");
        }
        Severity severity = Severity.HIGH;
        if (r.severity() != null) {
            try {
                severity = Severity.valueOf(r.severity().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad("invalid_severity", "Rule '" + r.id() + "': severity is low, medium, high or critical, not '" + r.severity() + "'.");
            }
        }
        if (r.definition() == null || !ReviewDefinition.ID.matcher(r.definition()).matches()) {
            throw bad("missing_field", "Rule '" + r.id() + "' needs definition: the review definition its SoD reviews follow.");
        }
        if (r.mitigation() != null && r.mitigation().length() > 1000) {
            throw bad("invalid_mitigation", "Rule '" + r.id() + "': mitigation is at most 1000 characters.");
        }
        String name = r.name() == null || r.name().isBlank() ? r.id() : r.name().trim();
        return new SodRule(r.id(), name, severity, r.mitigation(), a, b, r.definition());
    }

    public SodRulesDocument.Rule document() {
        return new SodRulesDocument.Rule(id, name, severity.name().toLowerCase(Locale.ROOT), mitigation,
                List.of(side(reviewed), side(conflicting)), definitionId);
    }

    private static DefinitionDocument.Selector side(ReviewDefinition.Selector s) {
        return new DefinitionDocument.Selector(s.type().code(), s.name(), s.client(), s.path());
    }

    private static CityIamException bad(String code, String message) {
        return CityIamException.badRequest(code, message);
    }
}
