package city.iam.review.it;

import city.iam.testing.Http;
import city.iam.testing.KeycloakServerExtension;
import city.iam.testing.TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code scope.filters} against a real server: every filter narrows the dry-run preview and the launched campaign
 * to exactly the same grants, the campaign's definition copy carries the filters, bad filters are refused with
 * 400 leaving the stored definition as it was, and only review-admin may set them.
 *
 * <p>The realm: roles {@code ledger} (attribute tier=gold), {@code health-read} (reaches sensitive data) and
 * {@code portal} (open data), a group {@code /audit} (tier=gold); the city's organisation (stakeholder type
 * city-dept) with its own identity provider, a utility organisation and a partner identity provider. People:
 * ann (finance; all three roles), bob (parks; ledger, portal, /audit), cid (finance; linked to the partner IdP: a
 * guest), dan (finance; never signed in, created 100 days ago), eve (parks; last signed in 100 days ago), fay
 * (member of the utility: a guest), gus (member of the city's organisation) and hal (linked to the city's own
 * IdP), each of the last five holding ledger.
 */
@ExtendWith(KeycloakServerExtension.class)
class AccessReviewFiltersIT {

    private static final long DAY = 86_400;
    private static final String ID = "filtered";
    private ReviewRealm city;

    @BeforeEach
    void realm(TestServer server) {
        city = new ReviewRealm(server, "arFilter");
        city.base.enableTracker();
        city.clockSeconds(0);
    }

    @AfterEach
    void cleanUp() {
        city.clockSeconds(0);
        city.realm.delete();
    }

    @Test
    void everyFilterNarrowsPreviewAndLaunchToTheSameGrants() {
        seed();
        Set<String> all = Set.of("ann ledger", "ann health-read", "ann portal", "bob ledger", "bob portal", "bob /audit", "cid ledger",
                "dan health-read", "eve ledger", "fay ledger", "gus ledger", "hal ledger");
        assertEquals(all, launchedWith(null));

        assertEquals(Set.of("ann ledger", "ann health-read", "ann portal", "cid ledger", "dan health-read"),
                launchedWith(Map.of("subject_attributes", Map.of("department", "finance"))));
        assertEquals(Set.of("ann ledger", "ann health-read", "ann portal", "bob ledger", "bob portal", "bob /audit", "cid ledger",
                "dan health-read", "eve ledger"), launchedWith(Map.of("subject_attributes", Map.of("department", List.of("finance", "parks")))));

        assertEquals(Set.of("ann ledger", "bob ledger", "bob /audit", "cid ledger", "eve ledger", "fay ledger", "gus ledger", "hal ledger"),
                launchedWith(Map.of("access_attributes", Map.of("tier", "gold"))));

        // Signed in 100 days ago, and never signed in since an account made 100 days ago; everyone else signed in today.
        assertEquals(Set.of("dan health-read", "eve ledger"), launchedWith(Map.of("inactive_for", "P90D")));
        assertEquals(Set.of(), launchedWith(Map.of("inactive_for", "P120D")));

        assertEquals(Set.of("ann health-read", "dan health-read"), launchedWith(Map.of("min_sensitivity", "sensitive")));
        assertEquals(Set.of("ann health-read", "dan health-read"), launchedWith(Map.of("min_sensitivity", "quasi-sensitive")));
        assertEquals(all, launchedWith(Map.of("min_sensitivity", "open")));

        // A partner IdP link or a partner organisation makes a guest; the city's own organisation and IdP do not.
        Set<String> guests = Set.of("cid ledger", "fay ledger");
        assertEquals(guests, launchedWith(Map.of("subjects", "guests")));
        Set<String> members = new TreeSet<>(all);
        members.removeAll(guests);
        assertEquals(members, launchedWith(Map.of("subjects", "members")));

        assertEquals(Set.of("dan health-read"), launchedWith(Map.of("subjects", "members", "subject_attributes", Map.of("department", "finance"),
                "min_sensitivity", "sensitive", "inactive_for", "P30D")));
    }

    @Test
    void badFiltersAreRefusedAndOnlyReviewAdminsSetThem() {
        city.person("carl");
        city.person("olga");
        for (String role : List.of("ledger", "health-read", "portal")) {
            city.createRealmRole(role, Map.of());
        }
        city.createGroup("audit", null);
        Map<String, Object> good = definition(Map.of("subjects", "guests", "inactive_for", "P90D"));
        Http.Reply created = city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), good);
        assertEquals(201, created.status(), created.toString());
        JsonNode stored = city.http.get(city.reviews("/definitions/" + ID), city.reviewAdmin()).json();
        assertEquals("guests", stored.at("/scope/filters/subjects").asText(), stored.toString());
        assertEquals("PT2160H", stored.at("/scope/filters/inactive_for").asText(), stored.toString());

        List<Object[]> bad = new ArrayList<>();
        bad.add(new Object[]{Map.of("subject_attributes", Map.of("department", 7)), "invalid_filter", "scope.filters.subject_attributes.department"});
        bad.add(new Object[]{Map.of("subject_attributes", Map.of("department", List.of())), "invalid_filter", "subject_attributes.department"});
        bad.add(new Object[]{Map.of("access_attributes", Map.of("tier", Map.of("x", "y"))), "invalid_filter", "scope.filters.access_attributes.tier"});
        bad.add(new Object[]{Map.of("inactive_for", "3 months"), "invalid_filter", "scope.filters.inactive_for"});
        bad.add(new Object[]{Map.of("inactive_for", "P3M"), "invalid_filter", "scope.filters.inactive_for"});
        bad.add(new Object[]{Map.of("inactive_for", "-P1D"), "invalid_filter", "scope.filters.inactive_for"});
        bad.add(new Object[]{Map.of("inactive_for", "PT99999999999999999999H"), "invalid_filter", "scope.filters.inactive_for"});
        bad.add(new Object[]{Map.of("inactive_for", Map.of("days", 90)), "invalid_json", "scope.filters.inactive_for"});
        bad.add(new Object[]{Map.of("min_sensitivity", "secret"), "invalid_filter", "scope.filters.min_sensitivity"});
        bad.add(new Object[]{Map.of("subjects", "staff"), "invalid_filter", "scope.filters.subjects"});
        bad.add(new Object[]{Map.of("inactive_days", 90), "invalid_json", "inactive_days"});
        bad.add(new Object[]{Map.of("subject_attributes", List.of("department")), "invalid_json", "scope.filters.subject_attributes"});
        for (Object[] b : bad) {
            @SuppressWarnings("unchecked")
            Http.Reply r = city.http.putJson(city.reviews("/definitions/" + ID), city.reviewAdmin(), definition((Map<String, Object>) b[0]));
            ReviewRealm.error(400, (String) b[1], r);
            assertTrue(r.json().get("error_description").asText().contains((String) b[2]), r.toString());
        }
        Http.Reply badPost = city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(),
                withId(definition(Map.of("min_sensitivity", "secret")), "other"));
        ReviewRealm.error(400, "invalid_filter", badPost);
        assertEquals(404, city.http.get(city.reviews("/definitions/other"), city.reviewAdmin()).status(), "a refused definition is not stored");

        // Without review-admin: 403, whatever the filters.
        ReviewRealm.error(403, "forbidden", city.http.putJson(city.reviews("/definitions/" + ID), city.token("carl"),
                definition(Map.of("subjects", "members"))));
        ReviewRealm.error(403, "forbidden", city.http.postJson(city.reviews("/definitions/" + ID + "/preview"), city.token("carl"), Map.of()));

        assertEquals(stored, city.http.get(city.reviews("/definitions/" + ID), city.reviewAdmin()).json(), "nothing refused was stored");
    }

    @Test
    void theCityOrganisationsAreARealmSetting() {
        city.person("carl");
        city.person("olga");
        JsonNode ledger = city.createRealmRole("ledger", Map.of());
        city.createRealmRole("health-read", Map.of());
        city.createRealmRole("portal", Map.of());
        city.createGroup("audit", null);
        assertEquals(204, city.http.putJson(city.realm.adminPath(""), city.admin(), Map.of("organizationsEnabled", true)).status());
        String cityOrg = organisation("city", "city-dept");
        String utility = organisation("utility-a", "utility");
        String gus = city.person("gus");
        String fay = city.person("fay");
        city.grantRealmRole(gus, ledger);
        city.grantRealmRole(fay, ledger);
        member(cityOrg, gus);
        member(utility, fay);
        assertEquals(201, city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), definition(null)).status());
        String policy = city.realm.adminPath("/lifecycle/policies/review-guests");
        Map<String, Object> guests = Map.of("subjects", "guests");

        // Default: the city-dept organisation is the city's own, so only the utility's member is a guest.
        JsonNode unset = city.http.get(policy, city.reviewAdmin()).json();
        assertTrue(unset.isObject() && !unset.has("city_organizations"), unset.toString());
        assertEquals(Set.of("fay ledger"), launchedWith(guests));

        // The realm names the utility as its own instead: now the city-dept member is the guest.
        Http.Reply set = city.http.putJson(policy, city.reviewAdmin(), Map.of("city_organizations", List.of("utility-a")));
        assertEquals(200, set.status(), set.toString());
        assertEquals("[\"utility-a\"]", set.json().get("city_organizations").toString());
        assertEquals(Set.of("gus ledger"), launchedWith(guests));
        Http.Reply both = city.http.putJson(policy, city.reviewAdmin(), Map.of("city_organizations", List.of("city", "utility-a")));
        assertEquals(200, both.status(), both.toString());
        assertEquals(Set.of(), launchedWith(guests));

        // Refused, and nothing changed: an unknown alias, a non-list, a plain user.
        JsonNode stored = city.http.get(policy, city.reviewAdmin()).json();
        ReviewRealm.error(400, "unknown_organization", city.http.putJson(policy, city.reviewAdmin(),
                Map.of("city_organizations", List.of("city", "nowhere"))));
        ReviewRealm.error(400, "invalid_policy", city.http.putJson(policy, city.reviewAdmin(), Map.of("city_organizations", "city")));
        ReviewRealm.error(400, "unknown_field", city.http.putJson(policy, city.reviewAdmin(), Map.of("city_stakeholder_type", "x")));
        assertEquals(403, city.http.putJson(policy, city.token("carl"), Map.of("city_organizations", List.of("city"))).status());
        assertEquals(stored, city.http.get(policy, city.reviewAdmin()).json());

        // Reset: back to the stakeholder-type rule.
        assertEquals(204, city.http.delete(policy, city.reviewAdmin()).status());
        assertEquals(Set.of("fay ledger"), launchedWith(guests));
    }

    // ---- the realm

    private void seed() {
        city.person("olga");
        JsonNode ledger = city.createRealmRole("ledger", Map.of("tier", List.of("gold")));
        JsonNode health = city.createRealmRole("health-read", Map.of("city-iam.sensitivity", List.of("sensitive"), "tier", List.of("silver")));
        JsonNode portal = city.createRealmRole("portal", Map.of("city-iam.sensitivity", List.of("open")));
        Http.Reply group = city.http.postJson(city.realm.adminPath("/groups"), city.admin(), Map.of("name", "audit",
                "attributes", Map.of("tier", List.of("gold"))));
        assertEquals(201, group.status(), group.toString());
        String audit = idOf(group);

        // The city's organisation and its own IdP; a utility; a partner IdP outside any organisation.
        assertEquals(204, city.http.putJson(city.realm.adminPath(""), city.admin(), Map.of("organizationsEnabled", true)).status());
        String cityOrg = organisation("city", "city-dept");
        String utility = organisation("utility-a", "utility");
        idp("city-idp");
        idp("partner-idp");
        Http.Reply linked = city.http.postJson(city.realm.adminPath("/organizations/" + cityOrg + "/identity-providers"), city.admin(), "city-idp");
        assertEquals(204, linked.status(), linked.toString());

        Map<String, String> ids = new HashMap<>();
        for (String name : List.of("ann", "bob", "cid", "dan", "eve", "fay", "gus", "hal")) {
            ids.put(name, city.person(name));
        }
        city.setAttribute(ids.get("ann"), "department", "finance");
        city.setAttribute(ids.get("bob"), "department", "parks");
        city.setAttribute(ids.get("cid"), "department", "finance");
        city.setAttribute(ids.get("dan"), "department", "finance");
        city.setAttribute(ids.get("eve"), "department", "parks");
        city.grantRealmRole(ids.get("ann"), ledger);
        city.grantRealmRole(ids.get("ann"), health);
        city.grantRealmRole(ids.get("ann"), portal);
        city.grantRealmRole(ids.get("bob"), ledger);
        city.grantRealmRole(ids.get("bob"), portal);
        city.join(ids.get("bob"), audit);
        city.grantRealmRole(ids.get("dan"), health);
        for (String name : List.of("cid", "eve", "fay", "gus", "hal")) {
            city.grantRealmRole(ids.get(name), ledger);
        }
        link(ids.get("cid"), "partner-idp");
        link(ids.get("hal"), "city-idp");
        member(utility, ids.get("fay"));
        member(cityOrg, ids.get("gus"));

        // eve signs in now, then 100 days pass; everyone but dan signs in then.
        Instant start = city.base.clockSeconds(0);
        city.token("eve");
        city.base.awaitLastAuth(ids.get("eve"), start.minusSeconds(5));
        Instant later = city.base.clockSeconds(100 * DAY);
        for (String name : List.of("ann", "bob", "cid", "fay", "gus", "hal")) {
            city.token(name);
            city.base.awaitLastAuth(ids.get(name), later.minusSeconds(5));
        }
        Http.Reply created = city.http.postJson(city.reviews("/definitions"), city.reviewAdmin(), definition(null));
        assertEquals(201, created.status(), created.toString());
    }

    private String organisation(String alias, String stakeholderType) {
        Http.Reply r = city.http.postJson(city.realm.adminPath("/organizations"), city.admin(), Map.of("name", alias, "alias", alias,
                "domains", List.of(Map.of("name", alias + ".example")), "attributes", Map.of("stakeholderType", List.of(stakeholderType))));
        assertEquals(201, r.status(), r.toString());
        return idOf(r);
    }

    private void idp(String alias) {
        Map<String, Object> idp = Map.of("alias", alias, "providerId", "oidc", "config", Map.of("clientId", "city",
                "clientSecret", "s3cret", "authorizationUrl", "https://" + alias + ".example/auth", "tokenUrl", "https://" + alias + ".example/token"));
        Http.Reply r = city.http.postJson(city.realm.adminPath("/identity-provider/instances"), city.admin(), idp);
        assertEquals(201, r.status(), r.toString());
    }

    private void link(String userId, String alias) {
        Http.Reply r = city.http.postJson(city.realm.adminPath("/users/" + userId + "/federated-identity/" + alias), city.admin(),
                Map.of("identityProvider", alias, "userId", "ext-" + userId, "userName", userId + "@" + alias));
        assertEquals(204, r.status(), r.toString());
    }

    private void member(String orgId, String userId) {
        Http.Reply r = city.http.postJson(city.realm.adminPath("/organizations/" + orgId + "/members"), city.admin(), userId);
        assertEquals(201, r.status(), r.toString());
    }

    private static String idOf(Http.Reply created) {
        String location = created.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    // ---- definitions, preview, launch

    private static Map<String, Object> definition(Map<String, Object> filters) {
        Map<String, Object> scope = new HashMap<>();
        scope.put("selectors", List.of(Map.of("type", "realm_role", "name", "ledger"), Map.of("type", "realm_role", "name", "health-read"),
                Map.of("type", "realm_role", "name", "portal"), Map.of("type", "group", "path", "/audit")));
        if (filters != null) {
            scope.put("filters", filters);
        }
        Map<String, Object> d = new HashMap<>();
        d.put("id", ID);
        d.put("scope", scope);
        d.put("reviewers", Map.of("olga", Map.of("type", "users", "users", List.of("olga"))));
        d.put("stages", List.of(Map.of("duration", "P7D", "reviewer", "olga")));
        return d;
    }

    private static Map<String, Object> withId(Map<String, Object> d, String id) {
        Map<String, Object> out = new HashMap<>(d);
        out.put("id", id);
        return out;
    }

    /** Saves the filters, previews, launches: the preview's count must be the launch's, which is answered as "user access". */
    private Set<String> launchedWith(Map<String, Object> filters) {
        String admin = city.reviewAdmin();
        Http.Reply saved = city.http.putJson(city.reviews("/definitions/" + ID), admin, definition(filters));
        assertEquals(200, saved.status(), saved.toString());
        Http.Reply preview = city.http.postJson(city.reviews("/definitions/" + ID + "/preview"), admin, Map.of());
        assertEquals(200, preview.status(), preview.toString());
        Http.Reply launched = city.http.postJson(city.reviews("/campaigns"), admin, Map.of("definition_id", ID));
        assertEquals(201, launched.status(), launched.toString());
        String campaign = launched.json().get("id").asText();
        Set<String> items = new TreeSet<>();
        for (JsonNode i : city.http.get(city.reviews("/campaigns/" + campaign + "/items?max=100"), admin).json()) {
            items.add(i.get("username").asText() + " " + i.get("access").asText());
        }
        String what = "filters " + filters + ": " + items + " / " + preview.json();
        assertEquals(items.size(), preview.json().get("item_count").asInt(), what);
        assertEquals(items.size(), launched.json().get("item_count").asInt(), what);
        // The campaign keeps the definition it ran with, filters included.
        JsonNode report = city.http.get(city.reviews("/campaigns/" + campaign + "/report"), admin).json();
        assertEquals(saved.json().get("scope"), report.get("definition").get("scope"), report.get("definition").toString());
        return items;
    }
}
