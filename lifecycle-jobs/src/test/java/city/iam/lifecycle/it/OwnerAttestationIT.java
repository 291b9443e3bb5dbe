package city.iam.lifecycle.it;

import city.iam.testing.Http;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static city.iam.lifecycle.it.LifecycleRealm.error;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * LJ-36 owner attestation: owners list their clients with the due date, the hygiene scan flags an owned client whose
 * attestation is overdue (never attested: one cadence after its service account was created), the owner attests with
 * their own token ("still needed" resolves the finding at once; "no longer needed" disables the client), and the
 * refusals — someone else's client, an unknown one, a bad body, no token, a disabled client — change nothing.
 */
class OwnerAttestationIT extends ClockedLifecycleIT {

    private static final String OVERDUE = "owner_attestation_overdue";

    @Test
    void ownersAttestTheirClientsOnTheRealmsCadence(TestServer server) {
        city = new LifecycleRealm(server, "ljattest", false);
        Http http = city.http;
        Instant start = city.clock(0);
        String olga = city.realm.user("olga", "Olga-pass-1");
        city.realm.user("otto", "Otto-pass-1");
        city.callers();
        String meter = city.createClient("meter-sync", "meter-secret-1");
        String billing = city.createClient("billing-export", "billing-secret-1");
        String parking = city.createClient("parking-feed", "parking-secret-1");
        city.createClient("orphan-feed", "orphan-secret-1");
        clientAttributes(meter, Map.of("city-iam.owner", "Olga"));
        clientAttributes(billing, Map.of("city-iam.owner", olga));
        clientAttributes(parking, Map.of("city-iam.owner", "otto"));

        // The cadence is a policy of its own: review admins set it, auditors read it, bad values change nothing.
        Http.Reply defaults = http.get(city.path("/policies/owner-attestation"), auditor());
        assertEquals("PT4320H", defaults.json().get("every").asText(), defaults.toString());
        error(403, "forbidden", http.putJson(city.path("/policies/owner-attestation"), auditor(), Map.of("every", "P30D")));
        error(400, "invalid_policy", http.putJson(city.path("/policies/owner-attestation"), reviewAdmin(), Map.of("every", "PT1H")));
        error(400, "unknown_field", http.putJson(city.path("/policies/owner-attestation"), reviewAdmin(), Map.of("cadence", "P30D")));
        Http.Reply set = http.putJson(city.path("/policies/owner-attestation"), reviewAdmin(), Map.of("every", "P30D"));
        assertEquals(200, set.status(), set.toString());
        assertEquals("PT720H", set.json().get("every").asText());

        city.runToCompletion("hygiene");
        assertEquals(0, findings("OPEN").size(), "nothing is due on day 0");

        String olgaToken = city.realm.token("olga", "Olga-pass-1");
        JsonNode mine = http.get(realmPath("/my-clients"), olgaToken).json();
        assertEquals(2, mine.size(), mine.toString());
        assertEquals("billing-export", mine.get(0).get("client_id").asText(), "by client id; owner named by user id");
        assertEquals("meter-sync", mine.get(1).get("client_id").asText(), "owner named by username in another case");
        Instant due = Instant.parse(mine.get(1).get("due_at").asText());
        assertTrue(Math.abs(Duration.between(start.plus(Duration.ofDays(30)), due).toSeconds()) < 120, "created + 30 days: " + mine);
        assertFalse(mine.get(1).get("overdue").asBoolean());
        assertFalse(mine.get(1).has("last_attestation"));
        assertEquals(0, http.get(realmPath("/my-clients"), nobody()).json().size(), "carl owns nothing");
        assertEquals(401, http.get(realmPath("/my-clients"), null).status());

        // A month and a day on: every owned client is overdue; the owner-less one is a different finding.
        city.clock(31);
        city.runToCompletion("hygiene");
        JsonNode overdue = findings("OPEN");
        assertEquals(3, overdue.size(), overdue.toString());
        JsonNode meterFinding = finding(meter);
        assertEquals("5.18", meterFinding.get("iso_control").asText());
        assertEquals("client", meterFinding.get("subject_type").asText());
        assertTrue(meterFinding.get("detail").asText().contains("never attested"), meterFinding.toString());

        olgaToken = city.realm.token("olga", "Olga-pass-1");
        String ottoToken = city.realm.token("otto", "Otto-pass-1");
        assertTrue(http.get(realmPath("/my-clients"), olgaToken).json().get(1).get("overdue").asBoolean());

        // Refusals, both sides of the owner check included; none records anything.
        error(403, "forbidden", http.postJson(realmPath("/clients/meter-sync/attestation"), ottoToken, Map.of("still_needed", true)));
        error(403, "forbidden", http.postJson(realmPath("/clients/orphan-feed/attestation"), olgaToken, Map.of("still_needed", true)));
        error(404, "client_not_found", http.postJson(realmPath("/clients/no-such-client/attestation"), olgaToken, Map.of("still_needed", true)));
        error(400, "missing_field", http.postJson(realmPath("/clients/meter-sync/attestation"), olgaToken, Map.of("comment", "yes")));
        error(400, "missing_comment", http.postJson(realmPath("/clients/billing-export/attestation"), olgaToken, Map.of("still_needed", false)));
        assertEquals(401, http.postJson(realmPath("/clients/meter-sync/attestation"), null, Map.of("still_needed", true)).status());
        assertEquals(0, http.get(city.path("/attestations"), auditor()).json().size(), "refusals recorded nothing");
        assertEquals("OPEN", finding(meter).get("status").asText());
        assertTrue(client(billing).get("enabled").asBoolean());

        // Still needed: recorded, the finding resolved at once, the next attestation due in 30 days.
        Http.Reply kept = http.postJson(realmPath("/clients/meter-sync/attestation"), olgaToken,
                Map.of("still_needed", true, "comment", "Reads the district meters nightly"));
        assertEquals(201, kept.status(), kept.toString());
        assertEquals("kept", kept.json().get("outcome").asText());
        assertEquals("olga", kept.json().get("owner").asText());
        Instant attestedAt = Instant.parse(kept.json().get("attested_at").asText());
        assertEquals(attestedAt.plus(Duration.ofDays(30)), Instant.parse(kept.json().get("next_due_at").asText()));
        assertEquals("RESOLVED", finding(meter).get("status").asText(), "resolved without waiting for a scan");

        // No longer needed: the client is disabled and its service account gets no more tokens.
        Http.Reply retired = http.postJson(realmPath("/clients/billing-export/attestation"), olgaToken,
                Map.of("still_needed", false, "comment", "Replaced by the new billing API"));
        assertEquals(201, retired.status(), retired.toString());
        assertEquals("client_disabled", retired.json().get("outcome").asText());
        assertFalse(client(billing).get("enabled").asBoolean());
        assertNotEquals(200, http.postForm("/realms/" + city.realm.name() + "/protocol/openid-connect/token", null,
                Map.of("grant_type", "client_credentials", "client_id", "billing-export", "client_secret", "billing-secret-1")).status());
        error(409, "client_disabled", http.postJson(realmPath("/clients/billing-export/attestation"), olgaToken, Map.of("still_needed", true)));

        JsonNode listed = http.get(realmPath("/my-clients"), olgaToken).json();
        assertEquals(1, listed.size(), "a disabled client is no longer listed: " + listed);
        assertEquals("Reads the district meters nightly", listed.get(0).get("last_attestation").get("comment").asText());
        assertFalse(listed.get(0).get("overdue").asBoolean());

        // Admins and auditors see the history; others do not. Every attestation is in the audit chain.
        assertEquals(2, http.get(city.path("/attestations"), reviewAdmin()).json().size());
        JsonNode ofMeter = http.get(city.path("/attestations?client=meter-sync"), auditor()).json();
        assertEquals(1, ofMeter.size(), ofMeter.toString());
        assertEquals(403, http.get(city.path("/attestations"), nobody()).status());
        JsonNode audit = http.get(city.realm.adminPath("/city-iam/audit?action=lifecycle.client.attested"), auditor()).json();
        assertEquals(2, audit.size(), audit.toString());
        // ... and a Keycloak admin event naming the owner, next to the admins' own changes.
        JsonNode events = http.get(city.realm.adminPath("/admin-events?max=500"), city.admin()).json();
        int attestationEvents = 0;
        for (JsonNode e : events) {
            if ("CITYIAM_LIFECYCLE_ATTESTATION".equals(e.path("resourceType").asText())) {
                attestationEvents++;
                assertEquals(olga, e.path("authDetails").path("userId").asText(), e.toString());
            }
        }
        assertEquals(2, attestationEvents, events.toString());

        // The next scan leaves meter-sync resolved, resolves the disabled client's finding, keeps otto's open.
        city.runToCompletion("hygiene");
        assertEquals("RESOLVED", finding(billing).get("status").asText());
        assertEquals("OPEN", finding(parking).get("status").asText());
        assertEquals(1, findings("OPEN").size());

        // Thirty days after the attestation the next one is due: a new finding, naming the last attestation.
        city.clock(62);
        city.runToCompletion("hygiene");
        JsonNode again = http.get(city.path("/findings?kind=" + OVERDUE + "&subject=" + meter + "&status=OPEN"), city.admin()).json();
        assertEquals(1, again.size(), again.toString());
        assertTrue(again.get(0).get("detail").asText().contains("last attested at " + attestedAt), again.toString());

        // A deleted client takes its cadence row with it, a deleted realm everything (the cleanup's queries run).
        assertEquals(204, http.delete(city.realm.adminPath("/clients/" + parking), city.admin()).status());
        assertEquals(204, http.delete("/admin/realms/" + city.realm.name(), city.admin()).status());
    }

    // Fresh tokens each time: moving the test clock by days expires the earlier ones.
    private String auditor() {
        return city.realm.token("ada", "Ada-pass-1");
    }

    private String reviewAdmin() {
        return city.realm.token("rita", "Rita-pass-1");
    }

    private String nobody() {
        return city.realm.token("carl", "Carl-pass-1");
    }

    private String realmPath(String p) {
        return "/realms/" + city.realm.name() + "/lifecycle" + p;
    }

    private JsonNode findings(String status) {
        return city.http.get(city.path("/findings?kind=" + OVERDUE + "&status=" + status), city.admin()).json();
    }

    /** The latest overdue finding of a client. */
    private JsonNode finding(String clientUuid) {
        JsonNode list = city.http.get(city.path("/findings?kind=" + OVERDUE + "&subject=" + clientUuid), city.admin()).json();
        assertTrue(list.size() >= 1, list.toString());
        return list.get(0);
    }

    private JsonNode client(String uuid) {
        return city.http.get(city.realm.adminPath("/clients/" + uuid), city.admin()).json();
    }

    private void clientAttributes(String clientUuid, Map<String, String> attributes) {
        ObjectNode rep = (ObjectNode) client(clientUuid);
        attributes.forEach(rep.with("attributes")::put);
        Http.Reply r = city.http.putJson(city.realm.adminPath("/clients/" + clientUuid), city.admin(), rep);
        assertEquals(204, r.status(), r.toString());
    }
}
