package city.iam.lifecycle.birthright;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
}
