package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The scheduler starts the inactivity sweep by itself in a realm with a policy once it is due (tests tick every 5 s). */
@ExtendWith(KeycloakServerExtension.class)
class SchedulerIT {

    @Test
    void aRealmWithAPolicyIsSweptOnSchedule(TestServer server) {
        LifecycleRealm city = new LifecycleRealm(server, "ljsched", true);
        Http http = city.http;
        try {
            city.clock(0);
            String idle = city.realm.user("idle-ivy", "Ivy-pass-1");
            assertEquals(201, http.putJson(city.path("/policies/inactivity"), city.admin(), Map.of(
                    "warn_after", "P10D", "disable_after", "P20D", "delete_after", "P30D", "final_action", "anonymise")).status());
            city.clock(12);

            // A scheduled run may already have happened on day 0, right after the policy was stored, when Ivy was
            // not idle yet; the one that counts is the run that warned her.
            JsonNode notices = LifecycleRealm.await("a warning from a scheduled inactivity run", () -> {
                JsonNode found = http.get(city.path("/inactivity/notices?user=" + idle), city.admin()).json();
                return found.isEmpty() ? null : found;
            });
            assertEquals(1, notices.size(), notices.toString());
            assertEquals("WARN", notices.get(0).get("action").asText());
            JsonNode scheduled = LifecycleRealm.await("the warning run to finish", () -> {
                JsonNode run = http.get(city.path("/runs/" + notices.get(0).get("run_id").asText()), city.admin()).json();
                return run.get("status").asText().equals("DONE") ? run : null;
            });
            assertEquals("schedule", scheduled.get("triggered_by").asText(), scheduled.toString());
            assertTrue(scheduled.get("processed").asLong() >= 1, scheduled.toString());
            assertTrue(http.get(city.realm.adminPath("/users/" + idle), city.admin()).json().get("enabled").asBoolean());
            assertFalse(scheduled.has("error"), scheduled.toString());
        } finally {
            city.clock(0);
        }
    }
}
