package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.SmtpSink;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
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
            ObjectNode rep = (ObjectNode) http.get("/admin/realms/" + city.realm.name(), city.admin()).json();
            rep.set("smtpServer", Http.JSON.valueToTree(Map.of("host", "127.0.0.1", "port", Integer.toString(smtp.port()),
                    "from", "iam@city.example", "fromDisplayName", "City IAM")));
            rep.put("internationalizationEnabled", true);
            rep.set("supportedLocales", Http.JSON.valueToTree(List.of("en", "fr", "fi")));
            rep.put("defaultLocale", "en");
            assertEquals(204, http.putJson("/admin/realms/" + city.realm.name(), city.admin(), rep).status());

            String mona = city.realm.user("mona", "Mona-pass-1");
            email(mona, "mona@city.example", Map.of("locale", "fr"));
            String uma = city.realm.user("uma", "Uma-pass-1");
            email(uma, "uma@city.example", Map.of("manager", "mona"));
            assertEquals(201, http.putJson(city.path("/policies/inactivity"), city.admin(), Map.of(
                    "warn_after", "P10D", "disable_after", "P20D", "delete_after", "P30D", "final_action", "delete",
                    "never_logged_in_grace", "P1D")).status());

            city.clock(12);
            city.runToCompletion("inactivity");
            SmtpSink.Mail toUma = LifecycleRealm.await("warning to uma", () -> find(smtp, "uma@city.example"));
            String umaText = decoded(toUma.data());
            assertTrue(umaText.contains("has not been used for 12 days"), umaText);
            assertTrue(umaText.contains("It will be disabled in 8 days unless you sign in"), umaText);
            // Mona is idle too and gets her own warning; the manager's notice is the one about uma, in French.
            SmtpSink.Mail toMona = LifecycleRealm.await("manager notice to mona", () -> smtp.mails().stream()
                    .filter(m -> m.to("mona@city.example") && decoded(m.data()).contains("Le compte")).findFirst().orElse(null));
            String monaText = decoded(toMona.data());
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
                    .filter(m -> m.to("uma@city.example") && decoded(m.data()).contains("Your access to on-call")).findFirst().orElse(null));
            assertEquals("sent", http.get(city.path("/temporary-grants/" + grant.json().get("id").asText()), city.admin()).json()
                    .get("notice_status").asText());
        }
    }

    private void email(String userId, String address, Map<String, String> attributes) {
        ObjectNode rep = (ObjectNode) city.user(userId);
        rep.put("email", address);
        rep.put("emailVerified", true);
        attributes.forEach((k, v) -> rep.with("attributes").putArray(k).add(v));
        Http.Reply r = city.http.putJson(city.realm.adminPath("/users/" + userId), city.admin(), rep);
        assertEquals(204, r.status(), r.toString());
    }

    private static SmtpSink.Mail find(SmtpSink smtp, String to) {
        return smtp.mails().stream().filter(m -> m.to(to)).findFirst().orElse(null);
    }

    /** The message with quoted-printable soft line breaks and escapes undone (enough to read the text parts). */
    private static String decoded(String data) {
        String joined = data.replaceAll("=\\r?\\n", "");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < joined.length(); i++) {
            char c = joined.charAt(i);
            if (c == '=' && i + 2 < joined.length() && joined.substring(i + 1, i + 3).matches("[0-9A-F]{2}")) {
                out.write(Integer.parseInt(joined.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                out.write(c);
            }
        }
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
