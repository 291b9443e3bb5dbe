package city.iam.device.group;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GroupRulesTest {

    private static EnrollmentGroup group(List<String> anchors, List<String> allow, String pattern, Integer quota, String template, String validity) {
        return new EnrollmentGroup("streetlights", null, null, anchors, List.of("eat"), allow, pattern, quota, template,
                validity, null, null, null, null, null, null, null, null, null, null);
    }

    @Test
    void serialsMatchGlobsOrPatternAndNothingElse() {
        GroupRules rules = GroupRules.of(group(List.of("p"), List.of("SN-00*", "LAB-?"), "^X-[0-9]{3}$", 5, null, null));
        assertTrue(rules.serialAllowed("SN-0001"));
        assertTrue(rules.serialAllowed("LAB-7"));
        assertTrue(rules.serialAllowed("X-123"));
        assertFalse(rules.serialAllowed("SN-9999"));
        assertFalse(rules.serialAllowed("SN.00x"), "glob dots are literal");
        assertFalse(rules.serialAllowed(null));
        assertEquals("streetlights-SN-0001", rules.deviceId("SN-0001"));
        assertEquals("streetlights-a_b", rules.deviceId("a/b"));
    }

    @Test
    void denyByDefaultAndBadDefinitionsAreRefused() {
        assertEquals("invalid_group", assertThrows(CityIamException.class, () -> GroupRules.of(group(List.of(), List.of("*"), null, 5, null, null))).error());
        assertThrows(CityIamException.class, () -> GroupRules.of(group(List.of("p"), List.of(), null, 5, null, null)));
        assertThrows(CityIamException.class, () -> GroupRules.of(group(List.of("p"), List.of("*"), null, 0, null, null)));
        assertThrows(CityIamException.class, () -> GroupRules.of(group(List.of("p"), List.of("*"), "([", 5, null, null)));
        assertThrows(CityIamException.class, () -> GroupRules.of(group(List.of("p"), List.of("*"), null, 5, "{group}-fixed", null)));
        assertThrows(CityIamException.class, () -> GroupRules.of(group(List.of("p"), List.of("*"), null, 5, null, "P900D")));
        assertThrows(CityIamException.class, () -> GroupRules.of(group(List.of("p"), List.of("*"), null, 5, null, "thirty days")));
    }

    @Test
    void firmwareVersionsCompareNumerically() {
        assertTrue(FirmwareVersion.parse("2.10.0").compareTo(FirmwareVersion.parse("2.9.9")) > 0);
        assertEquals(FirmwareVersion.parse("v2.0"), FirmwareVersion.parse("2.0.0"));
        assertEquals(FirmwareVersion.parse("2.0").hashCode(), FirmwareVersion.parse("2.0.0").hashCode());
        assertEquals(null, FirmwareVersion.parse("2.0-beta"));
    }
}
