package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.SmtpSink;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LJ-34 "notify owners": when a leaver's access is removed, their manager (in French here, by the manager's
 * {@code locale}) hears of all of it and each owner ({@code city-iam.owner} on the group or role) of what they
 * own — one HTML + text mail each, outcomes in the leaver's timeline — and a second run mails nobody again.
 */
class LeaverNoticeIT extends ClockedLifecycleIT {

    @Test
    void managerAndOwnersAreToldOnceWhatTheLeaverLost(TestServer server) throws InterruptedException {
        try (SmtpSink smtp = new SmtpSink()) {
            city = new LifecycleRealm(server, "ljleave", false);
            Http http = city.http;
            String admin = city.admin();
            Instant now = city.clock(0);
            city.allowUnmanagedAttributes();
            city.mailTo(smtp);

            String mona = city.realm.user("mona", "Mona-pass-1");
            city.email(mona, "mona@city.example", Map.of("locale", "fr"));
            String olga = city.realm.user("olga", "Olga-pass-1");
            city.email(olga, "olga@city.example", Map.of());
            String pete = city.realm.user("pete", "Pete-pass-1");
            city.email(pete, "pete@city.example", Map.of());
            city.realm.user("ada", "Ada-pass-1", "auditor");
            Http.Reply staff = http.postJson(city.realm.adminPath("/groups"), admin, Map.of("name", "staff",
                    "attributes", Map.of("city-iam.owner", List.of("olga"))));
            assertEquals(201, staff.status(), staff.toString());
            String staffId = staff.headers().firstValue("Location").orElseThrow().replaceAll(".*/", "");
            assertEquals(201, http.postJson(city.realm.adminPath("/roles"), admin, Map.of("name", "meter-reader",
                    "attributes", Map.of("city-iam.owner", List.of(pete)))).status());

            String lena = city.realm.user("lena", "Lena-pass-1");
            city.email(lena, "lena@city.example", Map.of("manager", "mona", "valid_to", now.minus(Duration.ofHours(1)).toString()));
            city.join(lena, staffId);
            JsonNode role = http.get(city.realm.adminPath("/roles/meter-reader"), admin).json();
            assertEquals(204, http.postJson(city.realm.adminPath("/users/" + lena + "/role-mappings/realm"), admin, List.of(role)).status());

            city.runToCompletion("leaver");

            SmtpSink.Mail toMona = LifecycleRealm.await("manager notice", () -> find(smtp, "mona@city.example"));
            String monaText = toMona.text();
            assertTrue(monaText.contains("qui dépend de vous") && monaText.contains("lena"), "French, about lena: " + monaText);
            assertTrue(monaText.contains("group /staff") && monaText.contains("role meter-reader"), "the manager hears of all: " + monaText);
            assertTrue(toMona.data().contains("text/html") && toMona.data().contains("text/plain"), "HTML and text");
            String olgaText = LifecycleRealm.await("group owner notice", () -> find(smtp, "olga@city.example")).text();
            assertTrue(olgaText.contains("this access that you own was removed") && olgaText.contains("group /staff"), olgaText);
            assertFalse(olgaText.contains("meter-reader"), "an owner hears only of what they own: " + olgaText);
            String peteText = LifecycleRealm.await("role owner notice", () -> find(smtp, "pete@city.example")).text();
            assertTrue(peteText.contains("role meter-reader") && !peteText.contains("/staff"), peteText);
            assertTrue(smtp.mails().stream().noneMatch(m -> m.to("lena@city.example")), "the leaver is not mailed");

            String auditor = city.realm.token("ada", "Ada-pass-1");
            String notified = "/admin/realms/" + city.realm.name() + "/city-iam/audit?action=lifecycle.leaver.notified&subject=" + lena;
            JsonNode entry = LifecycleRealm.await("notified entry", () -> {
                JsonNode list = http.get(notified, auditor).json();
                return list.size() == 0 ? null : list.get(0);
            });
            JsonNode notices = entry.at("/payload/notices");
            assertEquals(3, notices.size(), entry.toString());
            assertEquals("mona", notices.get(0).get("to").asText());
            assertEquals("manager", notices.get(0).get("as").asText());
            notices.forEach(n -> assertEquals("sent", n.get("email").asText(), entry.toString()));

            // A second run finds lena already gone: nobody is mailed again.
            city.runToCompletion("leaver");
            Thread.sleep(3000);
            assertEquals(3, smtp.mails().size(), "no second notice");
            assertEquals(1, http.get(notified, auditor).json().size());
        }
    }

    private static SmtpSink.Mail find(SmtpSink smtp, String to) {
        return smtp.mails().stream().filter(m -> m.to(to)).findFirst().orElse(null);
    }
}
