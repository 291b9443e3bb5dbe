package city.iam.review.definition;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@code remediation.managed_members}: default manual, each code round-trips, anything else is a 400 naming the field. */
class ManagedMembersTest {

    private static DefinitionDocument with(DefinitionDocument.Remediation remediation) {
        DefinitionDocument d = ReviewDefinitionTest.valid();
        return new DefinitionDocument(d.id(), d.name(), d.scope(), d.reviewers(), d.fallbackReviewer(), d.stages(), d.nonResponse(),
                d.blastRadius(), remediation, d.comments(), d.recurrence(), d.trigger(), d.inactiveAfter(), d.notifications(),
                d.cadenceBySensitivity(), null, null);
    }

    @Test
    void absentMeansManual() {
        assertEquals(ManagedMembers.MANUAL, ReviewDefinition.parse(with(null), 1, ReviewDefinitionTest.NOW).managedMembers());
        assertEquals(ManagedMembers.MANUAL, ReviewDefinition.parse(with(new DefinitionDocument.Remediation("AUTO", null, null)), 1,
                ReviewDefinitionTest.NOW).managedMembers());
    }

    @Test
    void everyCodeRoundTrips() {
        for (ManagedMembers m : ManagedMembers.values()) {
            ReviewDefinition d = ReviewDefinition.parse(with(new DefinitionDocument.Remediation("AUTO", null, null, m.code())), 1,
                    ReviewDefinitionTest.NOW);
            assertEquals(m, d.managedMembers());
            DefinitionDocument stored = d.document(ReviewDefinitionTest.NOW.toString());
            assertEquals(m.code(), stored.remediation().managedMembers());
            assertEquals(d, ReviewDefinition.parse(stored, 1, ReviewDefinitionTest.NOW));
        }
        assertEquals(ManagedMembers.DISABLE_ACCOUNT, ManagedMembers.parse(" Disable-Account "));
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[]{"delete", "", "disable_account", "DISABLE"}) {
            CityIamException e = assertThrows(CityIamException.class, () -> ReviewDefinition.parse(
                    with(new DefinitionDocument.Remediation("AUTO", null, null, bad)), 1, ReviewDefinitionTest.NOW));
            assertEquals("invalid_remediation_managed_members", e.error(), bad);
        }
    }
}
