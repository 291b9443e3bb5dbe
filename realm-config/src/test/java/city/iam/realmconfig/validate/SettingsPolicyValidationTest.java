package city.iam.realmconfig.validate;

import city.iam.realmconfig.TestDirs;
import city.iam.realmconfig.model.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leaver and hygiene policies offline: unknown fields, wrong types and non-positive periods are refused. */
class SettingsPolicyValidationTest {

    @TempDir
    Path tmp;

    private List<Problem> problems(String file, String json) {
        Path dir = tmp.resolve("d");
        dir.toFile().mkdirs();
        TestDirs.write(dir, file, json);
        return new Validator(Map.<String, String>of()::get).validate(dir).problems();
    }

    @Test
    void wellFormedPoliciesAreValid() {
        assertEquals(List.of(), problems("leaver-policy.json", """
                {"leaver_policy": {"enabled": true, "end_date_attribute": "contract_end", "hr_left_values": ["left"],
                 "sla": "PT8H", "anonymise_after": "P30D", "remove_access": false}}"""));
        assertEquals(List.of(), problems("hygiene-policy.yaml", """
                hygiene_policy:
                  enabled: true
                  interval: PT6H
                  service_account_unused_after: P30D
                """));
    }

    @Test
    void unknownFieldsAreRefused() {
        List<Problem> p = problems("leaver-policy.json", "{\"leaver_policy\": {\"enabeld\": true}}");
        assertEquals(1, p.size(), p::toString);
        assertTrue(p.get(0).toString().contains("leaver-policy.json#/leaver_policy/enabeld"), p::toString);
    }

    @Test
    void zeroNegativeAndMalformedPeriodsAreRefused() {
        List<Problem> p = problems("hygiene-policy.json", """
                {"hygiene_policy": {"interval": "PT0S", "max_client_secret_age": "-P1D", "pending_password_change_after": "two weeks",
                 "enabled": "yes"}}""");
        String all = p.toString();
        assertEquals(4, p.size(), all);
        assertTrue(all.contains("'interval' must be a positive duration, not PT0S"), all);
        assertTrue(all.contains("'max_client_secret_age' must be a positive duration, not -P1D"), all);
        assertTrue(all.contains("'pending_password_change_after' must be an ISO-8601 duration"), all);
        assertTrue(all.contains("/hygiene_policy/enabled"), all);
    }
}
