package city.iam.federation.linking;

import org.junit.jupiter.api.Test;

import static city.iam.federation.linking.LinkDecision.Outcome.EMAIL_MISMATCH;
import static city.iam.federation.linking.LinkDecision.Outcome.IDP_EMAIL_NOT_TRUSTED;
import static city.iam.federation.linking.LinkDecision.Outcome.LINK;
import static city.iam.federation.linking.LinkDecision.Outcome.LOCAL_EMAIL_NOT_VERIFIED;
import static city.iam.federation.linking.LinkDecision.Outcome.UPSTREAM_EMAIL_NOT_VERIFIED;
import static org.junit.jupiter.api.Assertions.assertEquals;

class LinkDecisionTest {

    @Test
    void linksOnlyOnTrustedVerifiedEqualEmails() {
        assertEquals(LINK, LinkDecision.decide(true, true, "Alice@Utility-A.example", true, "alice@utility-a.example"));
    }

    @Test
    void anythingLessNeedsConfirmation() {
        assertEquals(IDP_EMAIL_NOT_TRUSTED, LinkDecision.decide(false, true, "a@x.example", true, "a@x.example"));
        assertEquals(UPSTREAM_EMAIL_NOT_VERIFIED, LinkDecision.decide(true, false, "a@x.example", true, "a@x.example"));
        assertEquals(UPSTREAM_EMAIL_NOT_VERIFIED, LinkDecision.decide(true, null, "a@x.example", true, "a@x.example"));
        assertEquals(LOCAL_EMAIL_NOT_VERIFIED, LinkDecision.decide(true, true, "a@x.example", false, "a@x.example"));
        assertEquals(EMAIL_MISMATCH, LinkDecision.decide(true, true, "a@x.example", true, "b@x.example"));
        assertEquals(EMAIL_MISMATCH, LinkDecision.decide(true, true, null, true, "b@x.example"));
    }
}
