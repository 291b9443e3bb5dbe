package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReviewDefinitionTest {

    static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    static DefinitionDocument doc(DefinitionDocument.Scope scope, Map<String, DefinitionDocument.Reviewer> reviewers,
                                  List<DefinitionDocument.Stage> stages, String nonResponse, DefinitionDocument.Recurrence recurrence) {
        return new DefinitionDocument("fin-priv", null, scope, reviewers, "olga", stages, nonResponse, null, null, null, recurrence,
                null, null, null, null, null);
    }

    static DefinitionDocument.Scope scope(String type) {
        return new DefinitionDocument.Scope(List.of(new DefinitionDocument.Selector(type, "finance-admin", null, null)), true);
    }

    static Map<String, DefinitionDocument.Reviewer> reviewers() {
        return Map.of("manager", new DefinitionDocument.Reviewer("manager", null, null, null, null, "owner"),
                "owner", new DefinitionDocument.Reviewer("owner", null, null, null, null, null));
    }

    static List<DefinitionDocument.Stage> stages(String duration) {
        return List.of(new DefinitionDocument.Stage("manager", duration, "manager", null),
                new DefinitionDocument.Stage("owner", "P7D", "owner", List.of()));
    }

    static DefinitionDocument valid() {
        return doc(scope("realm_role"), reviewers(), stages("PT1H"), "REVOKE", new DefinitionDocument.Recurrence("P3M", null));
    }

    static String refused(DefinitionDocument d) {
        return assertThrows(CityIamException.class, () -> ReviewDefinition.parse(d, 1, NOW)).error();
    }

    @Test
    void aValidDefinitionHasDefaultsAndRoundTrips() {
        ReviewDefinition d = ReviewDefinition.parse(valid(), 3, NOW);
        assertEquals(2, d.stages().size());
        assertEquals(Duration.ofHours(1), d.stage(1).duration());
        assertTrue(d.stage(1).advanceOnAccept() && d.stage(1).advanceOnNoResponse());
        assertFalse(d.stage(2).advanceOnAccept());
        assertEquals(NonResponse.REVOKE, d.nonResponse());
        assertEquals(CommentPolicy.REVOKE_ONLY, d.comments());
        assertEquals(RemediationMode.AUTO, d.remediationMode());
        assertTrue(d.leaveGroups());
        assertEquals("city-iam.owner", d.reviewers().get("owner").attribute());
        assertEquals("manager", d.reviewers().get("manager").attribute());
        assertEquals(NOW, d.recurrence().anchor());
        DefinitionDocument stored = d.document(NOW.toString());
        ReviewDefinition again = ReviewDefinition.parse(stored, 3, NOW.plusSeconds(60));
        assertEquals(d, again);
    }

    @Test
    void badInputIsRefusedWithACodePerProblem() {
        assertEquals("unknown_scope_type", refused(doc(scope("entitlement"), reviewers(), stages("PT1H"), null, null)));
        assertEquals("invalid_duration", refused(doc(scope("realm_role"), reviewers(), stages("-PT1H"), null, null)));
        assertEquals("invalid_duration", refused(doc(scope("realm_role"), reviewers(), stages("soon"), null, null)));
        assertEquals("reviewer_chain_cycle", refused(doc(scope("realm_role"), Map.of(
                "manager", new DefinitionDocument.Reviewer("manager", null, null, null, null, "owner"),
                "owner", new DefinitionDocument.Reviewer("owner", null, null, null, null, "manager")), stages("PT1H"), null, null)));
        assertEquals("reviewer_chain_cycle", refused(doc(scope("realm_role"), Map.of(
                "manager", new DefinitionDocument.Reviewer("manager", null, null, null, null, "manager")), List.of(
                new DefinitionDocument.Stage(null, "P1D", "manager", null)), null, null)));
        assertEquals("unknown_reviewer", refused(doc(scope("realm_role"), reviewers(), List.of(
                new DefinitionDocument.Stage(null, "P1D", "ciso", null)), null, null)));
        assertEquals("unknown_reviewer_type", refused(doc(scope("realm_role"), Map.of(
                "x", new DefinitionDocument.Reviewer("oracle", null, null, null, null, null)), List.of(
                new DefinitionDocument.Stage(null, "P1D", "x", null)), null, null)));
        assertEquals("invalid_recurrence", refused(doc(scope("realm_role"), reviewers(), stages("PT1H"), null,
                new DefinitionDocument.Recurrence("P1X", null))));
        assertEquals("invalid_recurrence", refused(doc(scope("realm_role"), reviewers(), stages("PT1H"), null,
                new DefinitionDocument.Recurrence("-P1D", null))));
        assertEquals("invalid_non_response", refused(doc(scope("realm_role"), reviewers(), stages("PT1H"), "SHRUG", null)));
        assertEquals("missing_scope", refused(doc(null, reviewers(), stages("PT1H"), null, null)));
        assertEquals("missing_stages", refused(doc(scope("realm_role"), reviewers(), List.of(), null, null)));
        assertEquals("missing_field", refused(doc(new DefinitionDocument.Scope(List.of(
                new DefinitionDocument.Selector("client_role", "read", null, null)), false), reviewers(), stages("PT1H"), null, null)));
    }

    @Test
    void theIdIsASlug() {
        DefinitionDocument v = valid();
        DefinitionDocument bad = new DefinitionDocument("../x", v.name(), v.scope(), v.reviewers(), null, v.stages(), null, null, null,
                null, null, null, null, null, null, null);
        assertEquals("invalid_id", refused(bad));
    }

    @Test
    void recurrencePeriodsCountFromTheAnchor() {
        Recurrence quarterly = Recurrence.parse("P3M", NOW);
        assertEquals(-1, quarterly.index(NOW.minusSeconds(1)));
        assertEquals(0, quarterly.index(NOW));
        assertEquals(0, quarterly.index(Instant.parse("2027-02-28T23:00:00Z")));
        assertEquals(1, quarterly.index(Instant.parse("2027-03-01T12:00:00Z")));
        Recurrence daily = Recurrence.parse("P1D", NOW);
        assertEquals(2, daily.index(NOW.plus(Duration.ofHours(49))));
        assertEquals("invalid_recurrence", assertThrows(CityIamException.class, () -> Recurrence.parse("PT5M", NOW)).error());
    }
}
