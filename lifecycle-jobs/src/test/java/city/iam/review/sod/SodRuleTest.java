package city.iam.review.sod;

import city.iam.kernel.error.CityIamException;
import city.iam.review.definition.DefinitionDocument;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SodRuleTest {

    static final DefinitionDocument.Selector APPROVE = new DefinitionDocument.Selector("realm_role", "payments-approve", null, null);
    static final DefinitionDocument.Selector CREATE = new DefinitionDocument.Selector("realm_role", "vendor-create", null, null);

    @Test
    void aRuleNamesItsReviewedSideAndTheConflictInItsReason() {
        SodRule rule = SodRule.parse(new SodRulesDocument.Rule("pay-vendor", null, "critical", null, List.of(APPROVE, CREATE), "sod-review"));
        assertEquals("payments-approve", rule.reviewed().name());
        assertEquals("pay-vendor", rule.name());
        assertEquals("conflicts with realm role vendor-create (SoD rule pay-vendor, severity critical)", rule.reason());
        assertEquals("critical", rule.document().severity());
    }

    @Test
    void severityDefaultsToHigh() {
        assertEquals(SodRule.Severity.HIGH, SodRule.parse(new SodRulesDocument.Rule("r", null, null, null, List.of(APPROVE, CREATE), "d")).severity());
    }

    @Test
    void badRulesAreRefusedByCode() {
        assertCode("invalid_sides", new SodRulesDocument.Rule("r", null, null, null, List.of(APPROVE), "d"));
        assertCode("invalid_sides", new SodRulesDocument.Rule("r", null, null, null, List.of(APPROVE, APPROVE), "d"));
        assertCode("invalid_severity", new SodRulesDocument.Rule("r", null, "dire", null, List.of(APPROVE, CREATE), "d"));
        assertCode("missing_field", new SodRulesDocument.Rule("r", null, null, null, List.of(APPROVE, CREATE), null));
        assertCode("invalid_id", new SodRulesDocument.Rule("Bad Id", null, null, null, List.of(APPROVE, CREATE), "d"));
        assertCode("invalid_mitigation", new SodRulesDocument.Rule("r", null, null, "x".repeat(1001), List.of(APPROVE, CREATE), "d"));
        SodRulesDocument.Rule ok = new SodRulesDocument.Rule("r", null, null, null, List.of(APPROVE, CREATE), "d");
        CityIamException twice = assertThrows(CityIamException.class, () -> SodRule.parseAll(new SodRulesDocument(List.of(ok, ok), null, null)));
        assertEquals("duplicate_rule", twice.error());
        CityIamException many = assertThrows(CityIamException.class,
                () -> SodRule.parseAll(new SodRulesDocument(Collections.nCopies(SodRule.MAX_RULES + 1, ok), null, null)));
        assertEquals("too_many_rules", many.error());
    }

    private static void assertCode(String code, SodRulesDocument.Rule rule) {
        CityIamException e = assertThrows(CityIamException.class, () -> SodRule.parse(rule));
        assertEquals(code, e.error(), e.getMessage());
    }
}
