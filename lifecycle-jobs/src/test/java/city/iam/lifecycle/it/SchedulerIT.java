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

            JsonNode scheduled = LifecycleRealm.await("a scheduled inactivity run", () -> {
                for (JsonNode run : http.get(city.path("/runs?job=inactivity"), city.admin()).json()) {
                    if (run.get("triggered_by").asText().equals("schedule") && run.get("status").asText().equals("DONE")) {
                        return run;
                    }
                }
                return null;
            });
            assertTrue(scheduled.get("processed").asLong() >= 1, scheduled.toString());
            JsonNode notices = http.get(city.path("/inactivity/notices?user=" + idle), city.admin()).json();
            assertEquals(1, notices.size(), notices.toString());
            assertEquals("WARN", notices.get(0).get("action").asText());
            assertEquals(scheduled.get("id").asText(), notices.get(0).get("run_id").asText());
            assertTrue(http.get(city.realm.adminPath("/users/" + idle), city.admin()).json().get("enabled").asBoolean());
            assertFalse(scheduled.has("error"), scheduled.toString());
        } finally {
            city.clock(0);
        }
    }
}
