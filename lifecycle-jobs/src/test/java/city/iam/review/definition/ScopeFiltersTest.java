package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code scope.filters}: parsing with a 400 naming the field, the stored form, and matching subjects and access. */
class ScopeFiltersTest {

    private static final long DAY = 86_400_000L;
    private static final long NOW = 1_000 * DAY;

    private static DefinitionDocument.Filters filters(String json) {
        return Json.read(json.getBytes(StandardCharsets.UTF_8), DefinitionDocument.Filters.class);
    }

    private static ScopeFilters parse(String json) {
        return ScopeFilters.parse(filters(json));
    }

    private static CityIamException refused(String json) {
        CityIamException e = assertThrows(CityIamException.class, () -> parse(json));
        assertEquals("invalid_filter", e.error(), e.getMessage());
        return e;
    }

    private static ScopeFilters.Subject person(Map<String, List<String>> attributes, Long lastAuthAt, long createdAt, boolean guest) {
        return new ScopeFilters.Subject(attributes, lastAuthAt, createdAt, guest);
    }

    @Test
    void absentOrEmptyFiltersFilterNothingAndAreNotStored() {
        assertSame(ScopeFilters.NONE, ScopeFilters.parse(null));
        ScopeFilters empty = parse("{}");
        assertTrue(empty.none());
        assertNull(empty.document());
        assertTrue(empty.matchesSubject(person(Map.of(), null, 0, true), NOW));
        assertTrue(empty.matchesAccess(Map.of(), null));
    }

    @Test
    void aSingleValueIsStoredAsAListAndThePeriodAsTheServerSpellsDurations() {
        ScopeFilters f = parse("""
                {"subject_attributes": {"department": "finance", "site": ["north", "south", "north"]},
                 "access_attributes": {"tier": ["1"]}, "inactive_for": "P90D", "min_sensitivity": "quasi-sensitive", "subjects": "Guests"}
                """);
        assertEquals(Duration.ofDays(90), f.inactiveFor());
        assertEquals(ScopeFilters.Subjects.GUESTS, f.subjects());
        DefinitionDocument.Filters stored = f.document();
        assertEquals(Map.of("department", List.of("finance"), "site", List.of("north", "south")), stored.subjectAttributes());
        assertEquals(Map.of("tier", List.of("1")), stored.accessAttributes());
        assertEquals("PT2160H", stored.inactiveFor());
        assertEquals("quasi-sensitive", stored.minSensitivity());
        assertEquals("guests", stored.subjects());
        // The stored form parses to the same filters (a launch re-reads the stored definition).
        assertEquals(f, ScopeFilters.parse(stored));
        assertNull(parse("{\"subjects\": \"all\"}").document(), "the default is not written out");
    }

    @Test
    void badValuesAreRefusedNamingTheField() {
        assertTrue(refused("{\"subject_attributes\": {\"department\": 5}}").getMessage().contains("scope.filters.subject_attributes.department"));
        assertTrue(refused("{\"subject_attributes\": {\"department\": []}}").getMessage().contains("scope.filters.subject_attributes.department"));
        assertTrue(refused("{\"subject_attributes\": {\"department\": null}}").getMessage().contains("subject_attributes.department"));
        assertTrue(refused("{\"access_attributes\": {\"tier\": [\"1\", {\"x\": 1}]}}").getMessage().contains("scope.filters.access_attributes.tier"));
        assertTrue(refused("{\"access_attributes\": {\"tier\": \"\"}}").getMessage().contains("access_attributes.tier"));
        assertTrue(refused("{\"access_attributes\": {\" \": \"x\"}}").getMessage().contains("scope.filters.access_attributes"));
        assertTrue(refused("{\"subject_attributes\": {\"a\": \"" + "x".repeat(256) + "\"}}").getMessage().contains("subject_attributes.a"));
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i <= ScopeFilters.MAX_ATTRIBUTES; i++) {
            many.put("a" + i, "x");
        }
        assertThrows(CityIamException.class, () -> ScopeFilters.parse(new DefinitionDocument.Filters(many, null, null, null, null)));
        for (String period : List.of("90 days", "P3M", "P1Y", "-P1D", "PT0S", "P4000D", "PT99999999999999999999H")) {
            assertTrue(refused("{\"inactive_for\": \"" + period + "\"}").getMessage().contains("scope.filters.inactive_for"), period);
        }
        assertTrue(refused("{\"min_sensitivity\": \"secret\"}").getMessage().contains("scope.filters.min_sensitivity"));
        assertTrue(refused("{\"subjects\": \"staff\"}").getMessage().contains("scope.filters.subjects"));
        // Unknown members and wrong shapes are the parser's 400, never a 500.
        CityIamException unknown = assertThrows(CityIamException.class, () -> filters("{\"inactive_days\": 90}"));
        assertEquals("invalid_json", unknown.error());
        assertEquals("invalid_json", assertThrows(CityIamException.class, () -> filters("{\"subject_attributes\": [\"a\"]}")).error());
    }

    @Test
    void everySubjectAttributeMustMatchOneOfItsValues() {
        ScopeFilters f = parse("{\"subject_attributes\": {\"department\": [\"finance\", \"audit\"], \"site\": \"north\"}}");
        assertTrue(f.matchesSubject(person(Map.of("department", List.of("audit"), "site", List.of("north")), NOW, 0, false), NOW));
        assertTrue(f.matchesSubject(person(Map.of("department", List.of("parks", "finance"), "site", List.of("north")), NOW, 0, false), NOW),
                "one of several values is enough");
        assertFalse(f.matchesSubject(person(Map.of("department", List.of("finance")), NOW, 0, false), NOW), "site missing");
        assertFalse(f.matchesSubject(person(Map.of("department", List.of("Finance"), "site", List.of("north")), NOW, 0, false), NOW),
                "values match exactly");
        assertFalse(f.matchesSubject(person(Map.of(), NOW, 0, false), NOW));
    }

    @Test
    void inactivityCountsFromTheLastSignInOrFromCreationForThoseWhoNeverSignedIn() {
        ScopeFilters f = parse("{\"inactive_for\": \"P90D\"}");
        assertTrue(f.matchesSubject(person(Map.of(), NOW - 91 * DAY, 0, false), NOW));
        assertFalse(f.matchesSubject(person(Map.of(), NOW - 89 * DAY, 0, false), NOW));
        assertFalse(f.matchesSubject(person(Map.of(), NOW - 90 * DAY, 0, false), NOW), "exactly the period is not older than it");
        assertTrue(f.matchesSubject(person(Map.of(), null, NOW - 100 * DAY, false), NOW), "never signed in, created before the period");
        assertFalse(f.matchesSubject(person(Map.of(), null, NOW - 10 * DAY, false), NOW), "never signed in but new");
        assertFalse(f.matchesSubject(person(Map.of(), NOW - 200 * DAY, NOW - 5 * DAY, false), NOW),
                "a sign-in row older than the account (an account recreated) counts from creation");
    }

    @Test
    void guestsMembersOrEveryone() {
        ScopeFilters guests = parse("{\"subjects\": \"guests\"}");
        ScopeFilters members = parse("{\"subjects\": \"members\"}");
        assertTrue(guests.needsGuests());
        assertTrue(guests.matchesSubject(person(Map.of(), NOW, 0, true), NOW));
        assertFalse(guests.matchesSubject(person(Map.of(), NOW, 0, false), NOW));
        assertTrue(members.matchesSubject(person(Map.of(), NOW, 0, false), NOW));
        assertFalse(members.matchesSubject(person(Map.of(), NOW, 0, true), NOW));
        assertFalse(parse("{\"subjects\": \"all\"}").needsGuests());
    }

    @Test
    void accessMatchesOnItsAttributesAndTheClassItReaches() {
        ScopeFilters f = parse("{\"access_attributes\": {\"city-iam.owner\": \"olga\"}, \"min_sensitivity\": \"quasi-sensitive\"}");
        assertTrue(f.filtersAccess());
        assertFalse(f.filtersSubjects());
        Map<String, List<String>> owned = Map.of("city-iam.owner", List.of("olga"));
        assertTrue(f.matchesAccess(owned, "sensitive"));
        assertTrue(f.matchesAccess(owned, "quasi-sensitive"));
        assertFalse(f.matchesAccess(owned, "open"));
        assertFalse(f.matchesAccess(owned, null), "no known class counts as open");
        assertFalse(f.matchesAccess(owned, "unheard-of"));
        assertFalse(f.matchesAccess(Map.of("city-iam.owner", List.of("bob")), "sensitive"));
        ScopeFilters open = parse("{\"min_sensitivity\": \"open\"}");
        assertTrue(open.atLeastMinSensitivity(null));
        ScopeFilters sensitive = parse("{\"min_sensitivity\": \"sensitive\"}");
        assertTrue(sensitive.atLeastMinSensitivity("sensitive"));
        assertFalse(sensitive.atLeastMinSensitivity("quasi-sensitive"));
    }

    @Test
    void aDefinitionCarriesItsFiltersIntoItsStoredForm() {
        Map<String, Object> subject = new LinkedHashMap<>();
        subject.put("department", "finance");
        DefinitionDocument.Scope scope = new DefinitionDocument.Scope(List.of(new DefinitionDocument.Selector("realm_role", "finance-admin", null, null)),
                false, new DefinitionDocument.Filters(subject, null, "P30D", null, "members"));
        DefinitionDocument d = ReviewDefinitionTest.doc(scope, ReviewDefinitionTest.reviewers(), ReviewDefinitionTest.stages("PT1H"), null, null);
        ReviewDefinition parsed = ReviewDefinition.parse(d, 1, ReviewDefinitionTest.NOW);
        assertEquals(ScopeFilters.Subjects.MEMBERS, parsed.filters().subjects());
        DefinitionDocument.Filters stored = parsed.document("2026-12-01T12:00:00Z").scope().filters();
        assertEquals(Map.of("department", List.of("finance")), stored.subjectAttributes());
        assertEquals("PT720H", stored.inactiveFor());
        assertNull(ReviewDefinition.parse(ReviewDefinitionTest.valid(), 1, ReviewDefinitionTest.NOW).document("x").scope().filters(),
                "a definition without filters is stored as before");
        DefinitionDocument bad = ReviewDefinitionTest.doc(new DefinitionDocument.Scope(scope.selectors(), false,
                new DefinitionDocument.Filters(null, null, null, "top-secret", null)), ReviewDefinitionTest.reviewers(),
                ReviewDefinitionTest.stages("PT1H"), null, null);
        assertEquals("invalid_filter", ReviewDefinitionTest.refused(bad));
    }
}
