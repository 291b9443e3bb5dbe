package city.iam.review.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.SmtpSink;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * While a stage runs: reviewers are told of their items, late items escalate to the late reviewer's manager
 * (who is told, while the late reviewer gets an overdue notice), the last reminder before the deadline reaches
 * whoever still has undecided items, each notice goes out once however often the job runs, and every notice is
 * also posted to the definition's webhook. Bulk decisions are all or nothing and refuse to accept privileged
 * or deny-recommended items.
 */
@ExtendWith(KeycloakServerExtension.class)
class AccessReviewNoticeIT {

    private static final long DAY = 86_400;

    private ReviewRealm city;

    @BeforeEach
    void realm(TestServer server) {
        city = new ReviewRealm(server, "arNote");
        city.clockSeconds(0);
    }

    @AfterEach
    void cleanUp() {
        city.clockSeconds(0);
        city.realm.delete();
    }

    @Test
    void remindersEscalationAndOverdueNoticesGoOutOnceByMailAndWebhook() throws IOException {
        try (WebhookSink hook = new WebhookSink(); SmtpSink smtp = new SmtpSink()) {
            List<JsonNode> posted = hook.posted();
            city.base.mailTo(smtp);
            String mona = city.person("mona");
            String olga = city.person("olga");
            city.base.email(mona, "mona@city.example", Map.of("locale", "fr"));
            city.base.email(olga, "olga@city.example", Map.of("manager", "mona"));
            JsonNode role = city.createRealmRole("fin-admin", Map.of("city-iam.owner", List.of("olga")));
            List<String> holders = new ArrayList<>();
            for (String name : List.of("una", "ugo", "uwe")) {
                holders.add(city.person(name));
                city.grantRealmRole(holders.get(holders.size() - 1), role);
            }
            Map<String, Object> notifications = Map.of("reminders", List.of("P5D", "P2D"), "escalate_after", "P6D",
                    "escalate_to", "late-manager", "webhook", hook.url());
            Map<String, Object> definition = new HashMap<>(Map.of("id", "fin-notes",
                    "scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "fin-admin"))),
                    "reviewers", Map.of("owner", Map.of("type", "owner"), "late-manager", Map.of("type", "manager")),
                    "stages", List.of(Map.of("duration", "P10D", "reviewer", "owner")), "non_response", "NO_CHANGE",
                    "notifications", notifications));

            // An escalation that could never happen before the stage closes is refused.
            Http.Reply tooLate = city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(),
                    with(definition, "notifications", Map.of("escalate_after", "P10D", "escalate_to", "late-manager")));
            ReviewRealm.error(400, "invalid_notifications", tooLate);
            ReviewRealm.error(400, "unknown_reviewer", city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(),
                    with(definition, "notifications", Map.of("escalate_after", "P2D", "escalate_to", "nobody"))));
            ReviewRealm.error(400, "invalid_webhook", city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(),
                    with(definition, "notifications", Map.of("webhook", "ftp://hooks.city.example/x"))));

            assertEquals(201, city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), definition).status());
            Http.Reply launched = city.http.postJson(city.reviews("/campaigns"), city.reviewAdmin(), Map.of("definition_id", "fin-notes"));
            assertEquals(201, launched.status(), launched.toString());
            String campaign = launched.json().get("id").asText();

            city.runReviewJob();
            SmtpSink.Mail assigned = ReviewRealm.await("assignment mail to olga", () -> mail(smtp, "olga@city.example", "3 access review items"));
            assertTrue(assigned.text().contains("fin-notes"), assigned.text());
            JsonNode olgaItems = city.http.get(city.reviewer("/my-items"), city.token("olga")).json();
            assertEquals(3, olgaItems.size(), olgaItems.toString());
            Http.Reply accepted = city.http.postJson(city.reviewer("/items/" + olgaItems.get(0).get("id").asText() + "/decision"),
                    city.token("olga"), Map.of("decision", "ACCEPT", "comment", "Still on the finance team"));
            assertEquals(200, accepted.status(), accepted.toString());

            // Day 6: escalation. Olga's two undecided items go to her manager Mona.
            city.clockSeconds(6 * DAY + 60);
            city.runReviewJob();
            SmtpSink.Mail overdue = ReviewRealm.await("overdue mail to olga", () -> mail(smtp, "olga@city.example", "2 of your access review items"));
            assertTrue(overdue.text().contains("escalated"), overdue.text());
            SmtpSink.Mail escalated = ReviewRealm.await("escalation mail to mona", () -> mail(smtp, "mona@city.example", "escalad"));
            assertTrue(escalated.text().contains("2 éléments de revue"), escalated.text());
            JsonNode monaItems = city.http.get(city.reviewer("/my-items"), city.token("mona")).json();
            assertEquals(2, monaItems.size(), monaItems.toString());
            assertTrue(monaItems.get(0).get("reviewer_source").asText().startsWith("escalated:manager:late-manager"), monaItems.toString());
            JsonNode olgaLeft = city.http.get(city.reviewer("/my-items"), city.token("olga")).json();
            assertEquals(1, olgaLeft.size(), "only the item she decided, still hers to change: " + olgaLeft);
            assertEquals("ACCEPT", olgaLeft.get(0).get("decision").asText());
            ReviewRealm.error(403, "not_your_item", city.http.postJson(city.reviewer("/items/" + monaItems.get(0).get("id").asText() + "/decision"),
                    city.token("olga"), Map.of("decision", "ACCEPT", "comment", "late")));
            // The campaign page shows them as overdue, held by Mona, and the item list pages them.
            JsonNode progress = city.http.get(city.reviews("/campaigns/" + campaign + "/progress"), city.reviewAdmin()).json();
            assertEquals(2, progress.get("overdue").asInt(), progress.toString());
            assertEquals(List.of("mona", "mona"), progress.get("overdue_items").findValuesAsText("reviewer"), progress.toString());
            JsonNode overdueItems = city.http.get(city.reviews("/campaigns/" + campaign + "/items?state=overdue"), city.reviewAdmin()).json();
            assertEquals(2, overdueItems.size(), overdueItems.toString());
            ReviewRealm.error(400, "invalid_state", city.http.get(city.reviews("/campaigns/" + campaign + "/items?state=late"), city.reviewAdmin()));

            // Mona was told at day 6, after the P5D reminder fell due (day 5): she gets no stale reminder.
            // Day 8.5: the P2D reminder, only to whoever has undecided items.
            city.clockSeconds(8 * DAY + 12 * 3600);
            city.runReviewJob();
            SmtpSink.Mail reminder = ReviewRealm.await("reminder to mona", () -> mail(smtp, "mona@city.example", "rappel"));
            assertTrue(reminder.text().contains("2 éléments de revue"), reminder.text());
            int mails = smtp.mails().size();
            city.runReviewJob();
            city.runReviewJob();
            assertEquals(mails, smtp.mails().size(), "a notice goes out once");
            assertEquals(0, smtp.mails().stream().filter(m -> m.to("olga@city.example") && m.text().contains("reminder")).count());

            JsonNode notices = city.http.get(city.reviews("/campaigns/" + campaign + "/notices"), city.reviewAdmin()).json();
            List<String> seen = new ArrayList<>();
            for (JsonNode n : notices) {
                seen.add(n.get("kind").asText() + " " + n.get("point").asText() + " " + n.get("reviewer").asText() + " " + n.get("items").asLong());
                assertEquals("sent", n.get("email").asText(), n.toString());
                assertEquals("sent", n.get("webhook").asText(), n.toString());
            }
            assertEquals(List.of("ASSIGNED opened olga 3", "OVERDUE escalation olga 2", "ESCALATED escalation mona 2", "REMINDER P2D mona 2"),
                    seen, notices.toString());
            assertEquals(mails, posted.size(), posted.toString());
            JsonNode firstPost = posted.get(0);
            assertEquals("review.assigned", firstPost.get("event").asText());
            assertEquals(campaign, firstPost.get("campaign_id").asText());
            assertEquals("olga", firstPost.get("reviewer").asText());
            assertTrue(posted.stream().noneMatch(p -> p.toString().contains("una")), "webhooks name no reviewed person");

            JsonNode audit = city.http.get(city.realm.adminPath("/city-iam/audit?subject=" + campaign), city.reviewAdmin()).json();
            assertTrue(audit.toString().contains("review.items.escalated") && audit.toString().contains("review.notices.sent"), audit.toString());

            // Notices are read by review admins and auditors only.
            String carl = city.person("carl");
            assertEquals(403, city.http.get(city.reviews("/campaigns/" + campaign + "/notices"), city.token("carl")).status(), carl);
        }
    }

    @Test
    void bulkDecisionsAreAllOrNothingAndNeverAcceptPrivilegedOrDeniedItems() {
        city.person("olga");
        JsonNode reports = city.createRealmRole("reports", Map.of("city-iam.owner", List.of("olga")));
        JsonNode treasury = city.createRealmRole("treasury", Map.of("city-iam.owner", List.of("olga"), "city-iam.privileged", List.of("true")));
        String una = city.person("una");
        String ugo = city.person("ugo");
        String uwe = city.person("uwe");
        for (String u : List.of(una, ugo, uwe)) {
            city.grantRealmRole(u, reports);
        }
        city.grantRealmRole(una, treasury);
        // Una and Ugo sign in, so the recommendation approves them; Uwe never does and is recommended for revocation.
        city.base.enableTracker();
        city.token("una");
        city.token("ugo");
        city.base.awaitLastAuth(una, Instant.EPOCH);
        city.base.awaitLastAuth(ugo, Instant.EPOCH);
        Map<String, Object> definition = Map.of("id", "fin-bulk",
                "scope", Map.of("selectors", List.of(Map.of("type", "realm_role", "name", "reports"), Map.of("type", "realm_role", "name", "treasury"))),
                "reviewers", Map.of("owner", Map.of("type", "owner")), "stages", List.of(Map.of("duration", "P10D", "reviewer", "owner")));
        assertEquals(201, city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), definition).status());
        assertEquals(201, city.http.postJson(city.reviews("/campaigns"), city.reviewAdmin(), Map.of("definition_id", "fin-bulk")).status());

        Map<String, String> ids = new HashMap<>();
        for (JsonNode i : city.http.get(city.reviewer("/my-items"), city.token("olga")).json()) {
            ids.put(i.get("username").asText() + "/" + i.get("access").asText(), i.get("id").asText());
        }
        assertEquals(4, ids.size(), ids.toString());
        String bulk = city.reviewer("/items/decisions");

        ReviewRealm.error(400, "bulk_accept_refused", city.http.postJson(bulk, city.token("olga"), Map.of("decision", "ACCEPT",
                "item_ids", List.of(ids.get("una/reports"), ids.get("ugo/reports"), ids.get("uwe/reports")))));
        ReviewRealm.error(400, "bulk_accept_refused", city.http.postJson(bulk, city.token("olga"), Map.of("decision", "ACCEPT",
                "item_ids", List.of(ids.get("una/reports"), ids.get("una/treasury")))));
        ReviewRealm.error(400, "bulk_decision_not_allowed", city.http.postJson(bulk, city.token("olga"), Map.of("decision", "EXCEPTION_UNTIL",
                "item_ids", List.of(ids.get("una/reports")))));
        ReviewRealm.error(400, "duplicate_item", city.http.postJson(bulk, city.token("olga"), Map.of("decision", "ACCEPT",
                "item_ids", List.of(ids.get("una/reports"), ids.get("una/reports")))));
        ReviewRealm.error(400, "missing_field", city.http.postJson(bulk, city.token("olga"), Map.of("decision", "ACCEPT", "item_ids", List.of())));
        ReviewRealm.error(400, "comment_required", city.http.postJson(bulk, city.token("olga"), Map.of("decision", "REVOKE",
                "item_ids", List.of(ids.get("uwe/reports")))));
        assertEquals(401, city.http.postJson(bulk, null, Map.of("decision", "ACCEPT", "item_ids", List.of(ids.get("una/reports")))).status());
        assertTrue(undecided(4), "refused bulk requests change nothing");

        Http.Reply ok = city.http.postJson(bulk, city.token("olga"), Map.of("decision", "ACCEPT",
                "item_ids", List.of(ids.get("una/reports"), ids.get("ugo/reports"))));
        assertEquals(200, ok.status(), ok.toString());
        assertEquals(2, ok.json().get("decided").asInt());
        // A later refusal inside the list rolls back the decisions before it.
        ReviewRealm.error(404, "item_not_found", city.http.postJson(bulk, city.token("olga"), Map.of("decision", "REVOKE",
                "comment", "Left finance", "item_ids", List.of(ids.get("uwe/reports"), "no-such-item"))));
        assertTrue(undecided(2), "the refused list changed nothing");
        Http.Reply revoked = city.http.postJson(bulk, city.token("olga"), Map.of("decision", "REVOKE", "comment", "Left finance",
                "item_ids", List.of(ids.get("uwe/reports"), ids.get("una/treasury"))));
        assertEquals(200, revoked.status(), revoked.toString());
        assertTrue(undecided(0));
    }

    private boolean undecided(int expected) {
        long open = 0;
        for (JsonNode i : city.http.get(city.reviewer("/my-items"), city.token("olga")).json()) {
            if (!i.hasNonNull("decision")) {
                open++;
            }
        }
        assertEquals(expected, open);
        return true;
    }

    private static Map<String, Object> with(Map<String, Object> definition, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(definition);
        copy.put(key, value);
        return copy;
    }

    private static SmtpSink.Mail mail(SmtpSink smtp, String to, String containing) {
        return smtp.mails().stream().filter(m -> m.to(to) && m.text().contains(containing)).findFirst().orElse(null);
    }
}
