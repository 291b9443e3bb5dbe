package city.iam.lifecycle.inactivity;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InactivityPolicyTest {

    private static PolicyDocument doc(String warn, String disable, String delete, String action, String grace, List<String> groups) {
        return new PolicyDocument(warn, disable, delete, action, grace, groups, null, null);
    }

    private static void refused(String error, PolicyDocument d) {
        CityIamException e = assertThrows(CityIamException.class, () -> InactivityPolicy.parse(d, 1));
        assertEquals(400, e.status());
        assertEquals(error, e.error(), e.description());
        assertTrue(e.description().length() > 10);
    }

    @Test
    void theS2PolicyParses() {
        InactivityPolicy p = InactivityPolicy.parse(doc("P60D", "P90D", "P180D", "delete", "P30D", List.of("break-glass")), 3);
        assertEquals(Duration.ofDays(60), p.warnAfter());
        assertEquals(Duration.ofDays(90), p.disableAfter());
        assertEquals(Duration.ofDays(180), p.deleteAfter());
        assertEquals(FinalAction.DELETE, p.finalAction());
        assertEquals(Duration.ofDays(30), p.neverLoggedInGrace());
        assertEquals(Set.of("/break-glass"), p.exemptGroups(), "paths are normalised to start with a slash");
        assertEquals(3, p.version());
    }

    @Test
    void anonymiseAndSmallerUnitsAndNoGrace() {
        InactivityPolicy p = InactivityPolicy.parse(doc("PT12H", "P1D", "P2DT1H", "anonymise", null, null), 1);
        assertEquals(FinalAction.ANONYMISE, p.finalAction());
        assertEquals(Duration.ZERO, p.neverLoggedInGrace());
        assertTrue(p.exemptGroups().isEmpty());
    }

    @Test
    void documentRoundTrips() {
        InactivityPolicy p = InactivityPolicy.parse(doc("P60D", "P90D", "P180D", "anonymise", "P30D", List.of("/ops/break-glass")), 2);
        PolicyDocument d = p.document("2026-11-22T00:00:00Z");
        assertEquals("P60D", d.warnAfter());
        assertEquals("PT36H", InactivityPolicy.iso(Duration.ofHours(36)));
        assertEquals(p, InactivityPolicy.parse(d, 2));
        assertEquals(2, d.version());
    }

    @ParameterizedTest
    @CsvSource({
            "P90D, P60D, P180D",   // disable before warn
            "P60D, P180D, P90D",   // delete before disable
            "P60D, P60D, P180D",   // equal stages
            "P60D, P90D, P90D",
            "P200D, P90D, P180D",
    })
    void stagesOutOfOrderAreRefused(String warn, String disable, String delete) {
        refused("invalid_stage_order", doc(warn, disable, delete, "delete", null, null));
    }

    @ParameterizedTest
    @CsvSource({
            "P0D, P90D, P180D",
            "-P1D, P90D, P180D",
            "P60D, PT0S, P180D",
            "P60D, P90D, -P180D",
            "60, P90D, P180D",
            "P2M, P90D, P180D",    // months have no fixed length
            "P1Y, P2Y, P3Y",
            "sixty days, P90D, P180D",
            "P60D, P90D, P40000D", // longer than a century
            "'', P90D, P180D",
    })
    void badPeriodsAreRefused(String warn, String disable, String delete) {
        refused("invalid_period", doc(warn, disable, delete, "delete", null, null));
    }

    @Test
    void missingFieldsAreRefused() {
        refused("missing_field", doc(null, "P90D", "P180D", "delete", null, null));
        refused("missing_field", doc("P60D", null, "P180D", "delete", null, null));
        refused("missing_field", doc("P60D", "P90D", null, "delete", null, null));
        refused("missing_field", doc("P60D", "P90D", "P180D", null, null, null));
        refused("missing_body", null);
    }

    @Test
    void badFinalActionGraceAndGroupsAreRefused() {
        refused("invalid_final_action", doc("P60D", "P90D", "P180D", "purge", null, null));
        refused("invalid_final_action", doc("P60D", "P90D", "P180D", "DELETE", null, null));
        refused("invalid_period", doc("P60D", "P90D", "P180D", "delete", "P0D", null));
        refused("invalid_period", doc("P60D", "P90D", "P180D", "delete", "-P3D", null));
        refused("invalid_group", doc("P60D", "P90D", "P180D", "delete", null, List.of(" ")));
        refused("invalid_group", doc("P60D", "P90D", "P180D", "delete", null, Collections.singletonList(null)));
        refused("too_many_groups", doc("P60D", "P90D", "P180D", "delete", null, Collections.nCopies(51, "g")));
    }

    @Test
    void unknownFieldsInJsonAreRefused() {
        CityIamException e = assertThrows(CityIamException.class, () -> Json.read(
                "{\"warn_after\":\"P60D\",\"disable_after\":\"P90D\",\"delete_after\":\"P180D\",\"final_action\":\"delete\",\"warnAfter\":\"P1D\"}"
                        .getBytes(StandardCharsets.UTF_8), PolicyDocument.class));
        assertEquals("invalid_json", e.error());
    }
}
