package city.iam.dataset.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatasetDeciderTest {

    static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z"); // a Monday, 11:00 in Paris
    static final Purpose PLANNING = Purpose.parse("energy-planning");

    final List<Agreement> agreements = new ArrayList<>();
    ConsentCheck.State consent = ConsentCheck.State.GRANTED;
    final DatasetDecider decider = new DatasetDecider((ds, orgs) -> agreements, (s, a, p) -> {
        if (consent == null) {
            throw new IllegalStateException("consent store down");
        }
        return consent;
    }, new AssuranceLevels(Map.of("substantial", 2, "high", 3)));

    static Dataset quasi() {
        return new Dataset("ds-energy-q", Sensitivity.QUASI_SENSITIVE, "city", List.of(PLANNING), Set.of("utility-a"),
                Set.of(), false, null, null, false, false, 4);
    }

    static Dataset sensitive() {
        return new Dataset("ds-health-s", Sensitivity.SENSITIVE, "city", List.of(Purpose.parse("research")), Set.of("uni"),
                Set.of(), false, null, "high", true, true, 1);
    }

    static Subject alice() {
        return new Subject("u1", "alice", true, Set.of("utility-a"), Set.of("utility"), "substantial", 2, "portal", false,
                List.of(), false, null);
    }

    static Agreement ag(String id, String dataset, String org, String purpose, Instant from, Instant to, AgreementStatus status) {
        return new Agreement(id, null, Set.of(org), Set.of(dataset), List.of(Purpose.parse(purpose)), from, to, status, false);
    }

    void agreement(AgreementStatus status, Instant from, Instant to) {
        agreements.add(ag("AG-1", "ds-energy-q", "utility-a", "energy-planning", from, to, status));
    }

    @Test
    void quasiSensitivePermitsWithAgreementPurposeAndOrganisation() {
        agreement(AgreementStatus.ACTIVE, NOW.minusSeconds(3600), NOW.plusSeconds(3600));
        Decision d = decider.decide(alice(), quasi(), DatasetScope.DATA_READ, PLANNING, NOW);
        assertTrue(d.permit(), d.trace().toString());
        assertEquals("AG-1", d.agreementId());
        assertEquals(4, d.policyVersion());
    }

    @Test
    void narrowerPurposeIsCoveredBroaderIsNot() {
        agreements.add(ag("AG-1", "ds-energy-q", "utility-a", "energy-planning", NOW.minusSeconds(1), NOW.plusSeconds(1), AgreementStatus.ACTIVE));
        assertTrue(decider.decide(alice(), quasi(), DatasetScope.DATA_READ, Purpose.parse("energy-planning.grid"), NOW).permit());
        Dataset narrow = new Dataset("ds-energy-q", Sensitivity.QUASI_SENSITIVE, "city", List.of(Purpose.parse("energy-planning.grid")),
                Set.of("utility-a"), Set.of(), false, null, null, false, false, 1);
        assertEquals(List.of(Reason.PURPOSE_NOT_ALLOWED), decider.decide(alice(), narrow, DatasetScope.DATA_READ, PLANNING, NOW).reasons());
    }

    @Test
    void purposeOutsideDatasetIsRefused() {
        agreement(AgreementStatus.ACTIVE, NOW.minusSeconds(3600), NOW.plusSeconds(3600));
        Decision d = decider.decide(alice(), quasi(), DatasetScope.DATA_READ, Purpose.parse("marketing"), NOW);
        assertEquals(List.of(Reason.PURPOSE_NOT_ALLOWED), d.reasons());
    }

    @Test
    void purposeAllowedByDatasetButNotByAgreementIsRefused() {
        agreements.add(ag("AG-2", "ds-energy-q", "utility-a", "billing", NOW.minusSeconds(1), NOW.plusSeconds(1), AgreementStatus.ACTIVE));
        Decision d = decider.decide(alice(), quasi(), DatasetScope.DATA_READ, PLANNING, NOW);
        assertEquals(List.of(Reason.PURPOSE_NOT_ALLOWED), d.reasons());
    }

    @Test
    void agreementStatesGiveDistinctReasons() {
        agreement(AgreementStatus.ACTIVE, NOW.minusSeconds(7200), NOW.minusSeconds(1));
        assertEquals(List.of(Reason.AGREEMENT_EXPIRED), decider.decide(alice(), quasi(), DatasetScope.DATA_READ, PLANNING, NOW).reasons());
        agreements.clear();
        agreement(AgreementStatus.ACTIVE, NOW.plusSeconds(60), NOW.plusSeconds(7200));
        assertEquals(List.of(Reason.AGREEMENT_NOT_YET_VALID), decider.decide(alice(), quasi(), DatasetScope.DATA_READ, PLANNING, NOW).reasons());
        agreements.clear();
        agreement(AgreementStatus.REVOKED, NOW.minusSeconds(60), NOW.plusSeconds(7200));
        assertEquals(List.of(Reason.AGREEMENT_INACTIVE), decider.decide(alice(), quasi(), DatasetScope.DATA_READ, PLANNING, NOW).reasons());
        agreements.clear();
        assertEquals(List.of(Reason.AGREEMENT_MISSING), decider.decide(alice(), quasi(), DatasetScope.DATA_READ, PLANNING, NOW).reasons());
    }

    @Test
    void validityEndIsExclusive() {
        agreement(AgreementStatus.ACTIVE, NOW.minusSeconds(60), NOW);
        assertEquals(List.of(Reason.AGREEMENT_EXPIRED), decider.decide(alice(), quasi(), DatasetScope.DATA_READ, PLANNING, NOW).reasons());
    }

    @Test
    void anotherOrganisationIsRefusedEvenWithAnAgreementOfItsOwn() {
        agreements.add(ag("AG-V", "ds-energy-q", "vendor-b", "energy-planning", NOW.minusSeconds(1), NOW.plusSeconds(1), AgreementStatus.ACTIVE));
        Subject bob = new Subject("u2", "bob", true, Set.of("vendor-b"), Set.of("vendor"), "1", 1, "portal", false, List.of(), false, null);
        Decision d = decider.decide(bob, quasi(), DatasetScope.DATA_READ, PLANNING, NOW);
        assertEquals(List.of(Reason.ORG_NOT_ALLOWED), d.reasons());
    }

    @Test
    void sharedAccountIsNotAnIndividual() {
        agreement(AgreementStatus.ACTIVE, NOW.minusSeconds(1), NOW.plusSeconds(1));
        Subject shared = new Subject("u3", "ops", false, Set.of("utility-a"), Set.of(), null, 0, "portal", false, List.of(), false, null);
        assertEquals(List.of(Reason.NOT_INDIVIDUAL), decider.decide(shared, quasi(), DatasetScope.DATA_READ, PLANNING, NOW).reasons());
    }

    @Test
    void missingPurposeIsItsOwnReason() {
        assertEquals(List.of(Reason.PURPOSE_MISSING), decider.decide(alice(), quasi(), DatasetScope.DATA_READ, null, NOW).reasons());
    }

    @Test
    void metadataIsPublishedForEveryClassAndEveryone() {
        for (Dataset d : List.of(quasi(), sensitive())) {
            assertTrue(decider.decide(null, d, DatasetScope.METADATA_READ, null, NOW).permit());
        }
    }

    @Test
    void sensitiveNeedsAssuranceTrustedClientAndBoundToken() {
        agreements.add(ag("AG-R", "ds-health-s", "uni", "research", NOW.minusSeconds(1), NOW.plusSeconds(1), AgreementStatus.ACTIVE));
        Subject researcher = new Subject("u4", "rhea", true, Set.of("uni"), Set.of(), "substantial", 2, "portal", false, List.of(), false, null);
        Decision d = decider.decide(researcher, sensitive(), DatasetScope.DATA_READ, Purpose.parse("research"), NOW);
        assertEquals(List.of(Reason.ASSURANCE_TOO_LOW, Reason.DEVICE_NOT_TRUSTED), d.reasons());
        assertEquals("high", d.requiredAcr());

        Subject stepped = new Subject("u4", "rhea", true, Set.of("uni"), Set.of(), "high", 3, "trusted-workbench", true, List.of(), true, null);
        assertTrue(decider.decide(stepped, sensitive(), DatasetScope.DATA_READ, Purpose.parse("research"), NOW).permit());
    }

    @Test
    void unknownMinimumAssuranceFailsClosed() {
        Dataset d = new Dataset("o", Sensitivity.OPEN, null, List.of(), Set.of(), Set.of(), false, null, "platinum", false, false, 1);
        assertEquals(List.of(Reason.POLICY_MISCONFIGURED), decider.decide(alice(), d, DatasetScope.DATA_READ, null, NOW).reasons());
    }

    @Test
    void timeWindowIsReadInTheDatasetsZone() {
        Dataset d = new Dataset("o", Sensitivity.OPEN, null, List.of(), Set.of(), Set.of(), false,
                TimeWindow.parse("Europe/Paris MON-FRI 07:00-19:00"), null, false, false, 1);
        assertTrue(decider.decide(alice(), d, DatasetScope.DATA_READ, null, NOW).permit());
        Decision night = decider.decide(alice(), d, DatasetScope.DATA_READ, null, Instant.parse("2026-11-23T02:00:00Z"));
        assertEquals(List.of(Reason.OUTSIDE_TIME_WINDOW), night.reasons());
    }

    @Test
    void openDataWithoutRestrictionsIsReadableAnonymously() {
        Dataset open = new Dataset("o", Sensitivity.OPEN, null, List.of(), Set.of(), Set.of(), false, null, null, false, false, 1);
        assertTrue(decider.decide(null, open, DatasetScope.DATA_READ, null, NOW).permit());
        assertTrue(decider.decide(alice(), open, DatasetScope.DATA_READ, null, NOW).permit());
    }

    @Test
    void openDataWithPurposesNeedsAClientRegisteredForThePurpose() {
        Dataset open = new Dataset("o", Sensitivity.OPEN, null, List.of(PLANNING), Set.of(), Set.of(), false, null, null, false, false, 1);
        assertEquals(List.of(Reason.PURPOSE_NOT_ALLOWED), decider.decide(alice(), open, DatasetScope.DATA_READ, PLANNING, NOW).reasons());
        Subject registered = new Subject("u1", "alice", true, Set.of(), Set.of(), null, 0, "planner", false, List.of(PLANNING), false, null);
        assertTrue(decider.decide(registered, open, DatasetScope.DATA_READ, PLANNING, NOW).permit());
        assertFalse(decider.decide(null, open, DatasetScope.DATA_READ, PLANNING, NOW).permit());
    }

    @Test
    void ownerOrganisationNeedsNoAgreementButItsClientMustHoldThePurpose() {
        Subject staff = new Subject("u5", "sam", true, Set.of("city"), Set.of(), null, 1, "planner", false, List.of(PLANNING), false, null);
        Decision d = decider.decide(staff, quasi(), DatasetScope.DATA_READ, PLANNING, NOW);
        assertTrue(d.permit(), d.trace().toString());
        assertNull(d.agreementId());
        Subject elsewhere = new Subject("u5", "sam", true, Set.of("city"), Set.of(), null, 1, "portal", false, List.of(), false, null);
        assertEquals(List.of(Reason.PURPOSE_NOT_ALLOWED), decider.decide(elsewhere, quasi(), DatasetScope.DATA_READ, PLANNING, NOW).reasons());
    }

    @Test
    void personalDataConsentFailsClosed() {
        Dataset personal = new Dataset("ds-energy-q", Sensitivity.QUASI_SENSITIVE, "city", List.of(PLANNING), Set.of("utility-a"),
                Set.of(), true, null, null, false, false, 1);
        agreements.add(new Agreement("AG-C", null, Set.of("utility-a"), Set.of("ds-energy-q"), List.of(PLANNING),
                NOW.minusSeconds(1), NOW.plusSeconds(1), AgreementStatus.ACTIVE, true));
        assertTrue(decider.decide(alice(), personal, DatasetScope.DATA_READ, PLANNING, NOW).permit());
        consent = ConsentCheck.State.MISSING;
        assertEquals(List.of(Reason.CONSENT_MISSING), decider.decide(alice(), personal, DatasetScope.DATA_READ, PLANNING, NOW).reasons());
        consent = null;
        assertEquals(List.of(Reason.CONSENT_UNAVAILABLE), decider.decide(alice(), personal, DatasetScope.DATA_READ, PLANNING, NOW).reasons());
    }

    @Test
    void everyFailedCheckIsReportedNotOnlyTheFirst() {
        Subject nobody = new Subject("u6", "x", false, Set.of("vendor-b"), Set.of(), null, 0, "portal", false, List.of(), false, null);
        Decision d = decider.decide(nobody, sensitive(), DatasetScope.DATA_READ, null, NOW);
        assertEquals(List.of(Reason.ORG_NOT_ALLOWED, Reason.NOT_INDIVIDUAL, Reason.PURPOSE_MISSING, Reason.ASSURANCE_TOO_LOW,
                Reason.DEVICE_NOT_TRUSTED), d.reasons());
    }
}
