package city.iam.lifecycle.attestation;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The owner-attestation cadence, the attestation body and who counts as a client's owner, without a server. */
class AttestationRulesTest {

    private static final long DAY = Duration.ofDays(1).toMillis();
    private static final long T0 = Instant.parse("2026-06-01T00:00:00Z").toEpochMilli();
    private final AttestationSchedule every180 = new AttestationSchedule(Duration.ofDays(180));

    @Test
    void neverAttestedIsDueOneCadenceAfterTheOwnerTookItOn() {
        assertEquals(T0 + 180 * DAY, every180.dueAt(null, T0));
        assertFalse(every180.overdue(null, T0, T0 + 180 * DAY), "on the due time itself the owner is on time");
        assertTrue(every180.overdue(null, T0, T0 + 180 * DAY + 1));
        assertTrue(every180.overdueDetail(null, T0, "olga").contains("never attested"), every180.overdueDetail(null, T0, "olga"));
    }

    @Test
    void anAttestationStartsTheNextCadence() {
        long attested = T0 + 100 * DAY;
        assertEquals(attested + 180 * DAY, every180.dueAt(attested, T0));
        assertFalse(every180.overdue(attested, T0, T0 + 200 * DAY), "the ownership date no longer counts");
        assertTrue(every180.overdue(attested, T0, attested + 181 * DAY));
        String detail = every180.overdueDetail(attested, T0, "olga");
        assertTrue(detail.contains("last attested at " + Instant.ofEpochMilli(attested)) && detail.contains("every 180 days"), detail);
    }

    @Test
    void theCadenceSettingIsAPositiveDurationOfAtLeastADay() {
        assertEquals(Map.of("lifecycle.owner-attestation-every", "PT2160H"), AttestationSettings.POLICY.parse(Json.tree("{\"every\": \"P90D\"}")));
        assertTrue(AttestationSettings.POLICY.parse(Json.tree("{}")).isEmpty(), "absent: the default P180D");
        for (String bad : new String[]{"{\"every\": \"PT1H\"}", "{\"every\": \"P0D\"}", "{\"every\": \"-P1D\"}", "{\"every\": 5}",
                "{\"every\": \"soon\"}", "{\"cadence\": \"P90D\"}", "[]"}) {
            CityIamException e = assertThrows(CityIamException.class, () -> AttestationSettings.POLICY.parse(Json.tree(bad)), bad);
            assertEquals(400, e.status(), bad);
        }
    }

    @Test
    void anAttestationSaysWhetherTheClientIsNeededAndWhyNot() {
        AttestationRequest kept = new AttestationRequest(true, "  ").checked();
        assertTrue(kept.stillNeeded());
        assertNull(kept.comment(), "a blank comment is no comment");
        assertEquals("Replaced by meter-sync-2", new AttestationRequest(false, " Replaced by meter-sync-2 ").checked().comment());
        assertEquals("missing_field", assertThrows(CityIamException.class, () -> new AttestationRequest(null, "x").checked()).error());
        assertEquals("missing_comment", assertThrows(CityIamException.class, () -> new AttestationRequest(false, null).checked()).error());
        assertEquals("invalid_comment", assertThrows(CityIamException.class, () -> new AttestationRequest(true, "x".repeat(1001)).checked()).error());
    }

    @Test
    void anOwnerIsNamedByUsernameInAnyCaseOrById() {
        assertTrue(OwnerRef.names("olga", "id-1", "olga"));
        assertTrue(OwnerRef.names(" Olga ", "id-1", "olga"));
        assertTrue(OwnerRef.names("id-1", "id-1", "olga"));
        assertFalse(OwnerRef.names("olgah", "id-1", "olga"));
        assertFalse(OwnerRef.names("ID-1", "id-1", "olga"), "ids are exact");
        assertFalse(OwnerRef.names(null, "id-1", "olga"));
        assertFalse(OwnerRef.names(" ", "id-1", "olga"));
    }
}
