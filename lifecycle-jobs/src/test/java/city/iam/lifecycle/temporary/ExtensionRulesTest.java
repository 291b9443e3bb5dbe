package city.iam.lifecycle.temporary;

import city.iam.kernel.error.CityIamException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What an extension request and an owner's decision may say (LJ-35), every refusal without a server. */
class ExtensionRulesTest {

    private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");
    private static final Instant END = NOW.plus(Duration.ofDays(2));
    private static final Duration MAX = Duration.ofDays(30);

    @Test
    void anExtensionEndsLaterThanTheGrantWithinTheLimit() {
        assertEquals(END.plus(Duration.ofDays(7)).toEpochMilli(), until(END.plus(Duration.ofDays(7)).toString()));
        assertEquals(END.plus(MAX).toEpochMilli(), until(END.plus(MAX).toString()), "the limit itself is allowed");
    }

    @Test
    void refusedEnds() {
        refused("missing_field", () -> until(null));
        refused("missing_field", () -> until(" "));
        refused("invalid_until", () -> until("next week"));
        refused("invalid_until", () -> until("2026-12-24"));
        refused("invalid_until", () -> until(NOW.minusSeconds(60).toString()));
        refused("invalid_until", () -> until(NOW.toString()));
        refused("invalid_until", () -> until(END.minusSeconds(1).toString()));
        refused("invalid_until", () -> until(END.toString()));
        refused("invalid_until", () -> until(END.plus(MAX).plusSeconds(1).toString()));
    }

    @Test
    void aRequestNeedsAReason() {
        assertEquals("Audit week", ExtensionRules.reason("  Audit week "));
        refused("missing_reason", () -> ExtensionRules.reason(null));
        refused("missing_reason", () -> ExtensionRules.reason("\t"));
        refused("invalid_reason", () -> ExtensionRules.reason("x".repeat(1001)));
    }

    @Test
    void anOwnerApprovesOrDeniesAndADenialSaysWhy() {
        assertEquals(ExtensionRules.Verdict.APPROVE, ExtensionRules.verdict("approve"));
        assertEquals(ExtensionRules.Verdict.DENY, ExtensionRules.verdict(" DENY "));
        refused("missing_field", () -> ExtensionRules.verdict(null));
        refused("invalid_decision", () -> ExtensionRules.verdict("maybe"));
        assertNull(ExtensionRules.comment(ExtensionRules.Verdict.APPROVE, " "));
        assertEquals("Use the shared export instead", ExtensionRules.comment(ExtensionRules.Verdict.DENY, "Use the shared export instead"));
        refused("missing_comment", () -> ExtensionRules.comment(ExtensionRules.Verdict.DENY, null));
        refused("invalid_comment", () -> ExtensionRules.comment(ExtensionRules.Verdict.APPROVE, "x".repeat(1001)));
        assertEquals(Extensions.APPROVED, ExtensionRules.Verdict.APPROVE.status());
        assertEquals(Extensions.DENIED, ExtensionRules.Verdict.DENY.status());
    }

    private static long until(String until) {
        return ExtensionRules.until(until, NOW.toEpochMilli(), END.toEpochMilli(), MAX);
    }

    private static void refused(String code, Executable call) {
        CityIamException e = assertThrows(CityIamException.class, call);
        assertEquals(400, e.status(), code);
        assertEquals(code, e.error());
    }
}
