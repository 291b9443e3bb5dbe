package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.SmtpSink;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Notices go out as real mail through Keycloak's email templates, to a local SMTP sink: the inactivity warning to
 * the user and to the manager the {@code manager} attribute names, in each recipient's language (English and
 * French here), and the temporary-access notice before a grant ends.
 */
class NoticeMailIT extends ClockedLifecycleIT {

    @Test
    void warningsReachUserAndManagerInTheirLanguage(TestServer server) {
        try (SmtpSink smtp = new SmtpSink()) {
            city = new LifecycleRealm(server, "ljmail", false);
            Http http = city.http;
            city.clock(0);
            city.allowUnmanagedAttributes();
            city.mailTo(smtp);

            String mona = city.realm.user("mona", "Mona-pass-1");
            city.email(mona, "mona@city.example", Map.of("locale", "fr"));
            String uma = city.realm.user("uma", "Uma-pass-1");
            city.email(uma, "uma@city.example", Map.of("manager", "mona"));
            assertEquals(201, http.putJson(city.path("/policies/inactivity"), city.admin(), Map.of(
                    "warn_after", "P10D", "disable_after", "P20D", "delete_after", "P30D", "final_action", "delete",
                    "never_logged_in_grace", "P1D")).status());

            city.clock(12);
            city.runToCompletion("inactivity");
            SmtpSink.Mail toUma = LifecycleRealm.await("warning to uma", () -> find(smtp, "uma@city.example"));
            String umaText = toUma.text();
            assertTrue(umaText.contains("has not been used for 12 days"), umaText);
            assertTrue(umaText.contains("It will be disabled in 8 days unless you sign in"), umaText);
            // Mona is idle too and gets her own warning; the manager's notice is the one about uma, in French.
            SmtpSink.Mail toMona = LifecycleRealm.await("manager notice to mona", () -> smtp.mails().stream()
                    .filter(m -> m.to("mona@city.example") && m.text().contains("Le compte")).findFirst().orElse(null));
            String monaText = toMona.text();
            assertTrue(monaText.contains("uma") && monaText.contains("dont vous") && monaText.contains("12 jours"), "French, about uma: " + monaText);
            JsonNode notices = http.get(city.path("/inactivity/notices?user=" + uma), city.admin()).json();
            assertEquals("sent", notices.get(0).get("email").asText(), notices.toString());
            assertEquals("sent", notices.get(0).get("manager_email").asText(), notices.toString());

            city.realm.user("rita", "Rita-pass-1", "review-admin");
            assertEquals(201, http.postJson(city.realm.adminPath("/roles"), city.admin(), Map.of("name", "on-call")).status());
            Http.Reply grant = http.postJson(city.path("/temporary-grants"), city.realm.token("rita", "Rita-pass-1"), Map.of("user", "uma",
                    "realm_role", "on-call", "duration", "P2D", "reason", "On-call weekend"));
            assertEquals(201, grant.status(), grant.toString());
            city.runToCompletion("temporary-access");
            LifecycleRealm.await("temporary access notice", () -> smtp.mails().stream()
                    .filter(m -> m.to("uma@city.example") && m.text().contains("Your access to on-call")).findFirst().orElse(null));
            assertEquals("sent", http.get(city.path("/temporary-grants/" + grant.json().get("id").asText()), city.admin()).json()
                    .get("notice_status").asText());
        }
    }

    private static SmtpSink.Mail find(SmtpSink smtp, String to) {
        return smtp.mails().stream().filter(m -> m.to(to)).findFirst().orElse(null);
    }
}
