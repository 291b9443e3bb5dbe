package city.iam.lifecycle.birthright;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BirthrightPolicyTest {

    private static BirthrightDocument.Rule rule(String id, String attribute, List<String> values, List<String> groups) {
        return new BirthrightDocument.Rule(id, new BirthrightDocument.Condition(attribute, values), groups, null, null, null);
    }

    @Test
    void rulesMatchAttributeValuesIgnoringCase() {
        BirthrightPolicy p = BirthrightPolicy.parse(new BirthrightDocument(List.of(
                rule("water", "department", List.of("water", "wastewater"), List.of("/water")),
                rule("all-staff", "employee_type", List.of("staff"), List.of("/staff"))), "P7D", null, null, null), 1);
        assertEquals(List.of("water"), p.matching(Map.of("department", List.of(" Water "))).stream().map(BirthrightDocument.Rule::id).toList());
        assertEquals(2, p.matching(Map.of("department", List.of("wastewater"), "employee_type", List.of("staff"))).size());
        assertEquals(0, p.matching(Map.of()).size());
        assertEquals(Duration.ofDays(7), p.moverGrace());
        assertEquals("valid_from", p.startDateAttribute());
    }

    @Test
    void badPoliciesAreRefused() {
        List<BirthrightDocument> bad = List.of(
                new BirthrightDocument(List.of(), null, null, null, null),
                new BirthrightDocument(List.of(rule("a", "d", List.of("x"), List.of("/g")), rule("a", "d", List.of("y"), List.of("/h"))), null, null, null, null),
                new BirthrightDocument(List.of(rule("Bad Id", "d", List.of("x"), List.of("/g"))), null, null, null, null),
                new BirthrightDocument(List.of(rule("a", "d", List.of(), List.of("/g"))), null, null, null, null),
                new BirthrightDocument(List.of(rule("a", "d", List.of("x"), List.of())), null, null, null, null),
                new BirthrightDocument(List.of(rule("a", "d", List.of("x"), List.of("/g"))), "-P1D", null, null, null),
                new BirthrightDocument(List.of(rule("a", "d", List.of("x"), List.of("/g"))), "fortnight", null, null, null));
        for (BirthrightDocument doc : bad) {
            CityIamException e = assertThrows(CityIamException.class, () -> BirthrightPolicy.parse(doc, 1), doc.toString());
            assertEquals(400, e.status());
        }
    }

    private static BirthrightDocument.Rule member(String id, String organization, List<String> groups) {
        return new BirthrightDocument.Rule(id, BirthrightDocument.Condition.memberOf(organization), groups, null, null, null);
    }

    @Test
    void organisationRulesMatchMembersOnly() {
        BirthrightPolicy p = BirthrightPolicy.parse(new BirthrightDocument(List.of(
                member("parks", "parks", List.of("/parks-staff")),
                rule("water", "department", List.of("water"), List.of("/water"))), null, null, null, null), 1);
        assertEquals(List.of("parks"), p.matching(Map.of(), Set.of("parks")).stream().map(BirthrightDocument.Rule::id).toList());
        assertEquals(List.of("parks", "water"), p.matching(Map.of("department", List.of("water")), Set.of("parks", "harbour")).stream()
                .map(BirthrightDocument.Rule::id).toList());
        assertEquals(0, p.matching(Map.of(), Set.of("Parks")).size(), "an alias is matched exactly, as Keycloak stores it");
        assertEquals(0, p.matching(Map.of("organization", List.of("parks"))).size(), "an attribute named like the rule is not membership");
        assertEquals(Set.of("parks"), p.organizations());
        assertEquals(Set.of("department", "valid_from"), p.attributeNames(), "an organisation rule reads no attribute");
    }

    @Test
    void aConditionIsAnAttributeOrAnOrganisationNeverBoth() {
        List<BirthrightDocument.Condition> bad = List.of(
                new BirthrightDocument.Condition("department", List.of("water"), "parks"),
                new BirthrightDocument.Condition(null, null, " "),
                new BirthrightDocument.Condition(null, List.of("water"), null),
                new BirthrightDocument.Condition(null, null, null));
        for (BirthrightDocument.Condition when : bad) {
            BirthrightDocument doc = new BirthrightDocument(List.of(new BirthrightDocument.Rule("a", when, List.of("/g"), null, null, null)),
                    null, null, null, null);
            CityIamException e = assertThrows(CityIamException.class, () -> BirthrightPolicy.parse(doc, 1), when.toString());
            assertEquals(400, e.status());
        }
    }
}
