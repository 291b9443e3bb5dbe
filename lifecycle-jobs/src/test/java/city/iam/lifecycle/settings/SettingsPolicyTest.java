package city.iam.lifecycle.settings;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import city.iam.lifecycle.finding.HygieneThresholds;
import city.iam.lifecycle.leaver.LeaverSettings;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The checks of the leaver and hygiene policy documents, and the attribute text they store. */
class SettingsPolicyTest {

    @Test
    void aLeaverDocumentBecomesTheAttributesTheJobReads() {
        Map<String, String> values = LeaverSettings.POLICY.parse(Json.tree("""
                {"enabled": true, "end_date_attribute": "contract_end", "hr_left_values": ["left", "retired"],
                 "remove_access": false, "sla": "P1D", "anonymise_after": "P30D", "unlink_identity_providers": null}"""));
        assertEquals(Map.of("lifecycle.leaver.enabled", "true", "lifecycle.leaver.end-date-attribute", "contract_end",
                "lifecycle.leaver.hr-left-values", "left,retired", "lifecycle.leaver.remove-access", "false",
                "lifecycle.leaver.sla", "PT24H", "lifecycle.leaver.anonymise-after", "PT720H"), values);
    }

    @Test
    void anEmptyDocumentMeansEveryDefault() {
        assertTrue(HygieneThresholds.POLICY.parse(Json.tree("{}")).isEmpty());
    }

    @Test
    void unknownFieldsAreRefused() {
        refused(LeaverSettings.POLICY, "{\"enabeld\": true}", "unknown_field", "no field 'enabeld'");
        refused(HygieneThresholds.POLICY, "{\"scan\": true}", "unknown_field", "no field 'scan'");
    }

    @Test
    void negativeZeroAndMalformedDurationsAreRefused() {
        refused(LeaverSettings.POLICY, "{\"sla\": \"-PT4H\"}", "invalid_policy", "sla must be a positive duration");
        refused(LeaverSettings.POLICY, "{\"anonymise_after\": \"PT0S\"}", "invalid_policy", "anonymise_after must be a positive duration");
        refused(HygieneThresholds.POLICY, "{\"max_client_secret_age\": \"a year\"}", "invalid_policy", "ISO-8601 duration");
        refused(HygieneThresholds.POLICY, "{\"service_account_unused_after\": 90}", "invalid_policy", "ISO-8601 duration");
        refused(HygieneThresholds.POLICY, "{\"interval\": \"PT5S\"}", "invalid_policy", "interval must be at least PT10S");
    }

    @Test
    void wrongTypesAreRefused() {
        refused(LeaverSettings.POLICY, "{\"enabled\": \"yes\"}", "invalid_policy", "enabled must be true or false");
        refused(LeaverSettings.POLICY, "{\"hr_attribute\": \" \"}", "invalid_policy", "hr_attribute must be a non-blank name");
        refused(LeaverSettings.POLICY, "{\"hr_left_values\": []}", "invalid_policy", "non-empty list");
        refused(LeaverSettings.POLICY, "{\"hr_left_values\": [\"left,gone\"]}", "invalid_policy", "may not contain a comma");
        refused(LeaverSettings.POLICY, "[]", "invalid_policy", "must be a JSON object");
    }

    private static void refused(SettingsPolicy policy, String json, String error, String sentence) {
        CityIamException e = assertThrows(CityIamException.class, () -> policy.parse(Json.tree(json)));
        assertEquals(400, e.status());
        assertEquals(error, e.error());
        assertTrue(e.getMessage().contains(sentence), e.getMessage());
    }
}
