package city.iam.review.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static city.iam.review.it.ReviewRealm.error;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scenario S1 (research § 5): a two-stage review of a privileged realm role where no answer means revoke.
 * Stage 1 goes to the holder's manager (the owner when there is none), stage 2 to the role's owner. Access
 * held through a group is removed by leaving the group and verified REMEDIATED. Both sides of the role
 * checks: no review-admin, no admin API; a reviewer cannot decide someone else's item.
 */
@ExtendWith(KeycloakServerExtension.class)
class AccessReviewScenarioIT {

    private static final String ROLE = "finance-admin";

    @Test
    void twoStagePrivilegedReviewRevokesOnNoResponseAndVerifies(TestServer server) throws Exception {
        ReviewRealm city = new ReviewRealm(server, "arS1");
        Http http = city.http;
        try {
            city.clockSeconds(0);
            city.person("rita", "review-admin");
            city.person("ada", "auditor");
            city.person("carl");
            String olga = city.person("olga");
            String mgr1 = city.person("mgr1");
            String ann = city.person("ann");
            String bob = city.person("bob");
            String cid = city.person("cid");
            city.setAttribute(ann, "manager", "mgr1");
            city.setAttribute(bob, "manager", "mgr1");
            JsonNode role = city.createRealmRole(ROLE, Map.of("city-iam.privileged", List.of("true"), "city-iam.owner", List.of("olga")));
            for (String u : List.of(ann, bob, cid)) {
                city.grantRealmRole(u, role);
            }
            String finOps = city.createGroup("fin-ops", role);
            city.join(bob, finOps);


            // Role checks on the admin API: nobody without review-admin changes anything; the auditor reads.
            error(403, "forbidden", http.get(city.reviews("/definitions"), city.token("carl")));
            error(403, "forbidden", http.postJson(city.reviews("/definitions"), city.token("carl"), definition()));
            error(403, "forbidden", http.postJson(city.reviews("/definitions"), city.token("ada"), definition()));
            assertEquals(200, http.get(city.reviews("/definitions"), city.token("ada")).status());

            // Bad definitions: a clear 400 each, nothing stored.
            error(400, "unknown_scope_type", http.postJson(city.reviews("/definitions"), city.token("rita"),
                    with("scope", Map.of("selectors", List.of(Map.of("type", "entitlement", "name", "x"))))));
            error(400, "invalid_duration", http.postJson(city.reviews("/definitions"), city.token("rita"),
                    with("stages", List.of(Map.of("duration", "-PT1H", "reviewer", "manager")))));
            error(400, "reviewer_chain_cycle", http.postJson(city.reviews("/definitions"), city.token("rita"),
                    with("reviewers", Map.of("manager", Map.of("type", "manager", "fallback", "owner"),
                            "owner", Map.of("type", "owner", "fallback", "manager")))));
            error(400, "invalid_recurrence", http.postJson(city.reviews("/definitions"), city.token("rita"),
                    with("recurrence", Map.of("every", "P1X"))));
            assertEquals(0, http.get(city.reviews("/definitions"), city.token("rita")).json().size());

            Http.Reply created = http.postJson(city.reviews("/definitions"), city.token("rita"), definition());
            assertEquals(201, created.status(), created.toString());
            assertEquals(1, created.json().get("version").asInt());

            // Dry run: four items (bob twice: directly and through fin-ops), three for mgr1, cid's to the owner.
            Http.Reply preview = http.postJson(city.reviews("/definitions/fin-priv/preview"), city.token("rita"), Map.of());
            assertEquals(200, preview.status(), preview.toString());
            assertEquals(4, preview.json().get("item_count").asInt(), preview.toString());
            assertEquals(3, preview.json().get("reviewers").get("mgr1").asInt(), preview.toString());
            assertEquals(1, preview.json().get("reviewers").get("olga").asInt(), preview.toString());
            assertEquals(0, preview.json().get("items_without_reviewer_count").asInt(), preview.toString());

            Http.Reply launched = http.postJson(city.reviews("/campaigns"), city.token("rita"), Map.of("definition_id", "fin-priv"));
            assertEquals(201, launched.status(), launched.toString());
            String campaign = launched.json().get("id").asText();
            assertEquals(4, launched.json().get("item_count").asInt());
            String hash = launched.json().get("snapshot_hash").asText();
            assertTrue(hash.matches("[0-9a-f]{64}"), hash);

            // The campaign's first audit entry carries the snapshot hash.
            JsonNode first = http.get(city.realm.adminPath("/city-iam/audit?subject=" + campaign + "&order=asc"), city.token("ada")).json().get(0);
            assertEquals("review.campaign.launched", first.get("action").asText());
            assertEquals(hash, first.get("payload").get("snapshot_hash").asText());

            Map<String, JsonNode> items = items(city, city.token("rita"), campaign);
            JsonNode annItem = items.get("ann direct");
            JsonNode bobDirect = items.get("bob direct");
            JsonNode bobGroup = items.get("bob group /fin-ops");
            JsonNode cidItem = items.get("cid direct");
            assertNotNull(annItem, items.keySet().toString());
            assertNotNull(bobGroup, items.keySet().toString());
            assertEquals(mgr1, annItem.get("reviewer_id").asText());
            assertEquals(mgr1, bobGroup.get("reviewer_id").asText());
            assertEquals(olga, cidItem.get("reviewer_id").asText(), "no manager: the owner is the fallback");
            assertEquals("DENY", annItem.get("recommendation").asText(), annItem.toString());
            assertTrue(annItem.get("privileged").asBoolean());

            // Stage 1, with the reviewers' own tokens.
            assertEquals(3, http.get(city.reviewer("/my-items"), city.token("mgr1")).json().size());
            assertEquals(401, http.get(city.reviewer("/my-items"), null).status());

            error(400, "comment_required", decide(city, city.token("mgr1"), annItem, Map.of("decision", "ACCEPT")));
            error(400, "invalid_decision", decide(city, city.token("mgr1"), annItem, Map.of("decision", "MAYBE", "comment", "x")));
            Http.Reply accepted = decide(city, city.token("mgr1"), annItem, Map.of("decision", "ACCEPT", "comment", "still runs month-end close",
                    "version", annItem.get("version").asInt()));
            assertEquals(200, accepted.status(), accepted.toString());
            // A decision based on the version before mine is refused, not silently applied.
            error(409, "version_conflict", decide(city, city.token("mgr1"), annItem, Map.of("decision", "REVOKE", "comment", "x",
                    "version", annItem.get("version").asInt())));
            assertEquals(200, decide(city, city.token("mgr1"), bobDirect, Map.of("decision", "REVOKE",
                    "comment", "=HYPERLINK(\"http://evil\") moved to sales")).status());
            error(403, "not_your_item", decide(city, city.token("mgr1"), cidItem, Map.of("decision", "ACCEPT", "comment", "x")));
            error(403, "not_your_item", decide(city, city.token("ann"), annItem, Map.of("decision", "ACCEPT", "comment", "mine")));
            assertEquals(200, decide(city, city.token("olga"), cidItem, Map.of("decision", "REVOKE", "comment", "left the team")).status());

            // Past the stage deadline nothing more is decided, even before the job closes the stage.
            city.clockSeconds(3_660);
            // (The scheduler may already have closed the stage: bob-direct stays mgr1's either way, so this is 409 both ways.)
            error(409, "stage_closed", decide(city, city.token("mgr1"), bobDirect, Map.of("decision", "ACCEPT", "comment", "late")));
            city.runReviewJob();
            JsonNode afterStage1 = http.get(city.reviews("/campaigns/" + campaign), city.token("rita")).json();
            assertEquals(2, afterStage1.get("stage").asInt(), afterStage1.toString());
            assertEquals("OPEN", afterStage1.get("status").asText());
            // bob-via-group moved on to the owner: its stage-1 reviewer no longer decides it.
            error(403, "not_your_item", decide(city, city.token("mgr1"), bobGroup, Map.of("decision", "ACCEPT", "comment", "changed my mind")));

            // Stage 2: the owner sees ann (accepted) and bob-via-group (no answer); bob-direct and cid are decided.
            JsonNode olgaItems = http.get(city.reviewer("/my-items"), city.token("olga")).json();
            assertEquals(2, olgaItems.size(), olgaItems.toString());
            assertEquals(0, http.get(city.reviewer("/my-items"), city.token("mgr1")).json().size());
            JsonNode annStage2 = items(city, city.token("rita"), campaign).get("ann direct");
            assertEquals(olga, annStage2.get("reviewer_id").asText());
            assertEquals(200, decide(city, city.token("olga"), annStage2, Map.of("decision", "ACCEPT", "comment", "confirmed with mgr1")).status());

            city.clockSeconds(7_320);
            city.runReviewJob();
            JsonNode closed = http.get(city.reviews("/campaigns/" + campaign), city.token("rita")).json();
            assertEquals("CLOSED", closed.get("status").asText(), closed.toString());

            Map<String, JsonNode> done = items(city, city.token("rita"), campaign);
            assertEquals("ACCEPTED", done.get("ann direct").get("outcome").asText());
            assertFalse(done.get("ann direct").has("remediation"));
            for (String key : List.of("bob direct", "bob group /fin-ops", "cid direct")) {
                JsonNode i = done.get(key);
                assertEquals("REVOKE", i.get("outcome").asText(), i.toString());
                assertEquals("REMEDIATED", i.get("remediation").asText(), i.toString());
            }
            assertEquals("no response: revoked", done.get("bob group /fin-ops").get("outcome_reason").asText());

            // Effective access, as Keycloak itself reports it.
            assertTrue(city.hasEffectiveRealmRole(ann, ROLE));
            assertFalse(city.hasEffectiveRealmRole(bob, ROLE));
            assertFalse(city.inGroup(bob, "fin-ops"));
            assertFalse(city.hasEffectiveRealmRole(cid, ROLE));

            // Evidence: CSV with reviewer, decision, justification and verification; formula-safe.
            Http.Reply csv = http.get(city.reviews("/campaigns/" + campaign + "/report?format=csv"), city.token("ada"));
            assertEquals(200, csv.status(), csv.toString());
            String[] lines = csv.body().split("\r\n");
            assertEquals(5, lines.length, csv.body());
            assertTrue(lines[0].contains("reviewer") && lines[0].contains("justification") && lines[0].contains("verification"), lines[0]);
            assertTrue(csv.body().contains("\"'=HYPERLINK(\"\"http://evil\"\") moved to sales\""), csv.body());
            JsonNode report = http.get(city.reviews("/campaigns/" + campaign + "/report"), city.token("ada")).json();
            assertEquals(3, report.get("summary").get("remediation").get("REMEDIATED").asInt(), report.toString());
            assertEquals(hash, report.get("campaign").get("snapshot_hash").asText());

            // The evidence pack: every file's SHA-256 in the manifest matches; the audit segment starts at the launch.
            Map<String, byte[]> pack = unzip(http.getBytes(city.reviews("/campaigns/" + campaign + "/evidence"), city.token("ada")));
            JsonNode manifest = Http.JSON.readTree(pack.get("manifest.json"));
            assertEquals(hash, manifest.get("snapshot_hash").asText());
            for (String file : List.of("definition.json", "report.json", "items.csv", "audit.ndjson")) {
                assertEquals(manifest.get("sha256").get(file).asText(), sha256(pack.get(file)), file);
            }
            // The manifest is signed with the realm's key: it verifies against the realm's published JWKS.
            String[] jws = new String(pack.get("manifest.jws"), java.nio.charset.StandardCharsets.UTF_8).split("\\.");
            assertArrayEquals(pack.get("manifest.json"), java.util.Base64.getUrlDecoder().decode(jws[1]), "the JWS carries the manifest");
            String kid = Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(jws[0])).get("kid").asText();
            JsonNode jwk = null;
            for (JsonNode k : http.get("/realms/" + city.realm.name() + "/protocol/openid-connect/certs", null).json().get("keys")) {
                jwk = kid.equals(k.get("kid").asText()) ? k : jwk;
            }
            assertTrue(jwk != null, "signed with a key the realm publishes");
            java.security.PublicKey key = java.security.KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(
                    new java.math.BigInteger(1, java.util.Base64.getUrlDecoder().decode(jwk.get("n").asText())),
                    new java.math.BigInteger(1, java.util.Base64.getUrlDecoder().decode(jwk.get("e").asText()))));
            java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
            rs256.initVerify(key);
            rs256.update((jws[0] + "." + jws[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            assertTrue(rs256.verify(java.util.Base64.getUrlDecoder().decode(jws[2])), "manifest signature verifies");
            String[] segment = new String(pack.get("audit.ndjson"), java.nio.charset.StandardCharsets.UTF_8).split("\n");
            assertEquals("review.campaign.launched", Http.JSON.readTree(segment[0]).get("action").asText());
            assertEquals(3, java.util.Arrays.stream(segment).filter(l -> l.contains("\"review.item.remediated\"")).count());

            Http.Reply verify = http.postJson(city.realm.adminPath("/city-iam/audit/verify"), city.token("ada"), Map.of());
            assertEquals(200, verify.status(), verify.toString());
            assertTrue(verify.json().get("valid").asBoolean(), verify.toString());
            JsonNode decisions = http.get(city.realm.adminPath("/city-iam/audit?action=review.item.decided&order=asc"), city.token("ada")).json();
            assertEquals(4, decisions.size(), decisions.toString());
            assertEquals("mgr1", decisions.get(0).get("actor").get("name").asText());
            // The decision names the reviewer's authentication level, as their token stated it.
            String mgr1Token = city.token("mgr1");
            JsonNode claims = Http.JSON.readTree(java.util.Base64.getUrlDecoder().decode(mgr1Token.split("\\.")[1]));
            assertTrue(claims.hasNonNull("acr"), claims.toString());
            assertEquals(claims.get("acr").asText(), decisions.get(0).get("actor").path("acr").asText(), decisions.get(0).toString());

            // Admin changes are Keycloak admin events too.
            List<String> types = new java.util.ArrayList<>();
            city.http.get(city.realm.adminPath("/admin-events?max=500"), city.admin()).json()
                    .forEach(e -> types.add(e.path("operationType").asText() + " " + e.path("resourceType").asText()));
            assertTrue(types.contains("CREATE CITYIAM_REVIEW_DEFINITION"), types.toString());
            assertTrue(types.contains("CREATE CITYIAM_REVIEW_CAMPAIGN"), types.toString());
            assertTrue(types.contains("ACTION CITYIAM_REVIEW_CAMPAIGN"), types.toString());
        } finally {
            city.clockSeconds(0);
            city.realm.delete();
        }
    }

    static Map<String, byte[]> unzip(byte[] zip) throws java.io.IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                files.put(e.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    static String sha256(byte[] bytes) throws java.security.NoSuchAlgorithmException {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** Items keyed by "username kind[ path]" for readable assertions. */
    static Map<String, JsonNode> items(ReviewRealm city, String token, String campaign) {
        Map<String, JsonNode> out = new HashMap<>();
        for (JsonNode i : city.http.get(city.reviews("/campaigns/" + campaign + "/items"), token).json()) {
            String kind = i.get("grant_kind").asText().toLowerCase();
            String key = i.get("username").asText() + " " + (kind.equals("group") ? i.get("grant_path").asText() : kind);
            out.put(key, i);
        }
        return out;
    }

    static Http.Reply decide(ReviewRealm city, String token, JsonNode item, Map<String, Object> body) {
        return city.http.postJson(city.reviewer("/items/" + item.get("id").asText() + "/decision"), token, body);
    }

    static Map<String, Object> definition() {
        Map<String, Object> d = new HashMap<>();
        d.put("id", "fin-priv");
        d.put("name", "Finance privileged roles");
        d.put("scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", ROLE)), "privileged_only", true));
        d.put("reviewers", Map.of("manager", Map.of("type", "manager", "fallback", "owner"), "owner", Map.of("type", "owner")));
        d.put("stages", List.of(Map.of("name", "manager", "duration", "PT1H", "reviewer", "manager"),
                Map.of("name", "owner", "duration", "PT1H", "reviewer", "owner")));
        d.put("non_response", "REVOKE");
        d.put("remediation", Map.of("mode", "AUTO", "leave_groups", true));
        d.put("comments", "ALL");
        d.put("blast_radius", Map.of("max_auto_revoke_percent", 50));
        return d;
    }

    static Map<String, Object> with(String field, Object value) {
        Map<String, Object> d = definition();
        d.put(field, value);
        return d;
    }
}
