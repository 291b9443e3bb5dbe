package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.SmtpSink;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static city.iam.lifecycle.it.LifecycleRealm.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LJ-35 self-service extension: the grantee asks with their own token, the request goes to the owner of the granted
 * group (or of a client role's client), who is mailed in their language and decides with their own token; an approval
 * moves the end, a denial does not, a grant that ends first lapses its request. Bad input and the role refusals on
 * both sides — someone else's grant, someone else's request, a second waiting request — change nothing.
 */
class ExtensionRequestIT extends ClockedLifecycleIT {

    @Test
    void granteesAskOwnersDecide(TestServer server) {
        try (SmtpSink smtp = new SmtpSink()) {
            city = new LifecycleRealm(server, "ljext", false);
            Http http = city.http;
            city.clock(0);
            city.allowUnmanagedAttributes();
            city.mailTo(smtp);
            String oscar = city.realm.user("oscar", "Oscar-pass-1");
            city.email(oscar, "oscar@city.example", Map.of("locale", "fr"));
            city.realm.user("tia", "Tia-pass-1");
            city.realm.user("tom", "Tom-pass-1");
            city.callers();
            Http.Reply group = http.postJson(city.realm.adminPath("/groups"), city.admin(), Map.of("name", "incident-response",
                    "attributes", Map.of("city-iam.owner", List.of("oscar"))));
            assertEquals(201, group.status(), group.toString());
            String platform = city.createClient("data-platform", "dp-secret-1");
            ObjectNode rep = (ObjectNode) http.get(city.realm.adminPath("/clients/" + platform), city.admin()).json();
            rep.with("attributes").put("city-iam.owner", "oscar");
            assertEquals(204, http.putJson(city.realm.adminPath("/clients/" + platform), city.admin(), rep).status());
            assertEquals(201, http.postJson(city.realm.adminPath("/clients/" + platform + "/roles"), city.admin(), Map.of("name", "export")).status());
            assertEquals(201, http.postJson(city.realm.adminPath("/roles"), city.admin(), Map.of("name", "night-shift")).status());

            String rita = city.realm.token("rita", "Rita-pass-1");
            JsonNode g1 = grant(rita, "tia", Map.of("group", "/incident-response"));
            JsonNode g2 = grant(rita, "tia", Map.of("client", "data-platform", "client_role", "export"));
            JsonNode g3 = grant(rita, "tia", Map.of("realm_role", "night-shift"));
            JsonNode own = grant(rita, "oscar", Map.of("client", "data-platform", "client_role", "export"));
            Instant end1 = Instant.parse(g1.get("expires_at").asText());
            String id1 = g1.get("id").asText();

            String tia = city.realm.token("tia", "Tia-pass-1");
            String tom = city.realm.token("tom", "Tom-pass-1");
            String oscarToken = city.realm.token("oscar", "Oscar-pass-1");
            assertEquals(3, http.get(realmPath("/my-temporary-grants"), tia).json().size());
            assertEquals(0, http.get(realmPath("/my-temporary-grants"), tom).json().size(), "only one's own grants");
            assertEquals(401, http.get(realmPath("/my-temporary-grants"), null).status());
            error(400, "invalid_status", http.get(realmPath("/my-temporary-grants?status=bogus"), tia));

            // The grantee's refusals: none records a request or mails anybody.
            String week = end1.plus(Duration.ofDays(7)).toString();
            error(400, "invalid_until", extension(tia, id1, Instant.now().minusSeconds(3600).toString(), "Audit week"));
            error(400, "invalid_until", extension(tia, id1, end1.minusSeconds(3600).toString(), "Audit week"));
            error(400, "invalid_until", extension(tia, id1, end1.plus(Duration.ofDays(31)).toString(), "Audit week"));
            error(400, "invalid_until", extension(tia, id1, "next week", "Audit week"));
            error(400, "missing_reason", extension(tia, id1, week, " "));
            error(404, "grant_not_found", extension(tom, id1, week, "I want it too"));
            error(404, "grant_not_found", extension(tia, "no-such-grant", week, "Audit week"));
            error(409, "no_owner", extension(tia, g3.get("id").asText(), week, "Audit week"));
            error(409, "owner_is_requester", extension(oscarToken, own.get("id").asText(), end1.plus(Duration.ofDays(2)).toString(), "Mine"));
            assertEquals(0, http.get(realmPath("/extension-requests"), oscarToken).json().size(), "refusals recorded nothing");

            Http.Reply r1 = extension(tia, id1, week, "The storm incident review runs another week");
            assertEquals(201, r1.status(), r1.toString());
            assertEquals("PENDING", r1.json().get("status").asText());
            String req1 = r1.json().get("id").asText();
            error(409, "extension_pending", extension(tia, id1, end1.plus(Duration.ofDays(3)).toString(), "Again"));
            Http.Reply r2 = extension(tia, g2.get("id").asText(), end1.plus(Duration.ofDays(2)).toString(), "Month-end export");
            assertEquals(201, r2.status(), "routed to the client's owner: " + r2);
            String req2 = r2.json().get("id").asText();

            JsonNode routed = http.get(realmPath("/extension-requests?status=PENDING"), oscarToken).json();
            assertEquals(2, routed.size(), routed.toString());
            assertEquals("tia", routed.get(0).get("username").asText());
            assertEquals(0, http.get(realmPath("/extension-requests"), tom).json().size(), "tom owns nothing");
            assertEquals(0, http.get(realmPath("/extension-requests"), tia).json().size(), "a requester is not the decider");

            // The owner is mailed, in French, after the request commits; the outcome is kept on the request.
            SmtpSink.Mail mail = LifecycleRealm.await("mail to the owner", () -> smtp.mails().stream()
                    .filter(m -> m.to("oscar@city.example") && m.text().contains("incident-response")).findFirst().orElse(null));
            assertTrue(mail.text().contains("demande à conserver") && mail.text().contains("The storm incident review"), mail.text());
            LifecycleRealm.await("owner_email recorded", () -> {
                JsonNode list = http.get(city.path("/temporary-grants/" + id1 + "/extension-requests"), city.admin()).json();
                return list.size() == 1 && list.get(0).has("owner_email") && "sent".equals(list.get(0).get("owner_email").asText()) ? list : null;
            });

            // The decider's refusals: not theirs (the requester included), unknown, a bad body.
            error(403, "forbidden", decide(tia, req1, Map.of("decision", "approve")));
            error(403, "forbidden", decide(tom, req1, Map.of("decision", "approve")));
            error(404, "request_not_found", decide(oscarToken, "no-such-request", Map.of("decision", "approve")));
            error(400, "invalid_decision", decide(oscarToken, req1, Map.of("decision", "maybe")));
            error(400, "missing_comment", decide(oscarToken, req1, Map.of("decision", "deny")));
            assertEquals(end1, Instant.parse(grantView(id1).get("expires_at").asText()), "refusals moved nothing");

            Http.Reply approved = decide(oscarToken, req1, Map.of("decision", "approve", "comment", "Until the review closes"));
            assertEquals(200, approved.status(), approved.toString());
            assertEquals("APPROVED", approved.json().get("status").asText());
            assertEquals("oscar", approved.json().get("decided_by").asText());
            assertEquals(Instant.parse(week), Instant.parse(grantView(id1).get("expires_at").asText()), "the end moved");
            error(409, "request_not_pending", decide(oscarToken, req1, Map.of("decision", "deny", "comment", "changed my mind")));

            Http.Reply denied = decide(oscarToken, req2, Map.of("decision", "deny", "comment", "Use the shared export job"));
            assertEquals("DENIED", denied.json().get("status").asText(), denied.toString());
            Instant end2 = Instant.parse(g2.get("expires_at").asText());
            assertEquals(end2, Instant.parse(grantView(g2.get("id").asText()).get("expires_at").asText()), "a denial moves nothing");

            // A new request after a denial is allowed; the grant ending first lapses it. The approved one runs on.
            Http.Reply r3 = extension(tia, g2.get("id").asText(), end2.plus(Duration.ofDays(1)).toString(), "Please, one day");
            assertEquals(201, r3.status(), r3.toString());
            city.clock(5.1);
            city.runToCompletion("temporary-access");
            oscarToken = city.realm.token("oscar", "Oscar-pass-1");
            JsonNode lapsed = http.get(realmPath("/extension-requests?status=LAPSED"), oscarToken).json();
            assertEquals(1, lapsed.size(), lapsed.toString());
            error(409, "request_not_pending", decide(oscarToken, r3.json().get("id").asText(), Map.of("decision", "approve")));
            assertEquals("EXPIRED", grantView(g2.get("id").asText()).get("status").asText());
            assertEquals("ACTIVE", grantView(id1).get("status").asText(), "extended by a week");
            tia = city.realm.token("tia", "Tia-pass-1");
            error(409, "grant_not_active", extension(tia, g2.get("id").asText(), end2.plus(Duration.ofDays(9)).toString(), "Late"));
            assertEquals(1, http.get(city.realm.adminPath("/users/" + g1.get("user_id").asText() + "/groups"), city.admin()).json().size());

            city.clock(12.1);
            city.runToCompletion("temporary-access");
            assertEquals("EXPIRED", grantView(id1).get("status").asText(), "ends at the approved end");
            assertEquals(0, http.get(city.realm.adminPath("/users/" + g1.get("user_id").asText() + "/groups"), city.admin()).json().size());

            String auditor = city.realm.token("ada", "Ada-pass-1");
            assertEquals(3, http.get(city.realm.adminPath("/city-iam/audit?action=lifecycle.temporary_access.extension_requested"), auditor).json().size());
            assertEquals(2, http.get(city.realm.adminPath("/city-iam/audit?action=lifecycle.temporary_access.extension_decided"), auditor).json().size());
            JsonNode extended = http.get(city.realm.adminPath("/city-iam/audit?action=lifecycle.temporary_access.extended"), auditor).json();
            assertEquals(1, extended.size(), extended.toString());
            int requestEvents = 0;
            for (JsonNode e : http.get(city.realm.adminPath("/admin-events?max=500"), city.admin()).json()) {
                requestEvents += "CITYIAM_LIFECYCLE_EXTENSION".equals(e.path("resourceType").asText()) ? 1 : 0;
            }
            assertEquals(5, requestEvents, "three requests and two decisions are admin events");
        }
    }

    private JsonNode grant(String token, String user, Map<String, Object> target) {
        Map<String, Object> body = new java.util.HashMap<>(target);
        body.put("user", user);
        body.put("duration", "P5D");
        body.put("reason", "Storm incident INC-4711");
        Http.Reply r = city.http.postJson(city.path("/temporary-grants"), token, body);
        assertEquals(201, r.status(), r.toString());
        return r.json();
    }

    private Http.Reply extension(String token, String grantId, String until, String reason) {
        return city.http.postJson(realmPath("/my-temporary-grants/" + grantId + "/extension"), token, Map.of("until", until, "reason", reason));
    }

    private Http.Reply decide(String token, String requestId, Map<String, Object> body) {
        return city.http.postJson(realmPath("/extension-requests/" + requestId + "/decision"), token, body);
    }

    private JsonNode grantView(String id) {
        return city.http.get(city.path("/temporary-grants/" + id), city.admin()).json();
    }

    private String realmPath(String p) {
        return "/realms/" + city.realm.name() + "/lifecycle" + p;
    }
}
