package city.iam.federation.membership;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static city.iam.federation.membership.MembershipGate.Decision.ADD;
import static city.iam.federation.membership.MembershipGate.Decision.DOMAIN_NOT_OF_ORGANIZATION;
import static city.iam.federation.membership.MembershipGate.Decision.EMAIL_NOT_VERIFIED;
import static city.iam.federation.membership.MembershipGate.Decision.NO_EMAIL;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MembershipGateTest {

    private static final Set<String> DOMAINS = Set.of("utility-a.example", "*.research.example");

    @Test
    void verifiedEmailOfAnOrganisationDomainJoins() {
        assertEquals(ADD, MembershipGate.decide("alice@utility-a.example", true, DOMAINS));
        assertEquals(ADD, MembershipGate.decide("Alice@Utility-A.Example", true, DOMAINS));
        assertEquals(ADD, MembershipGate.decide("r@lab.research.example", true, DOMAINS));
    }

    @Test
    void everythingElseStaysOut() {
        assertEquals(EMAIL_NOT_VERIFIED, MembershipGate.decide("alice@utility-a.example", false, DOMAINS));
        assertEquals(DOMAIN_NOT_OF_ORGANIZATION, MembershipGate.decide("mallory@evil.example", true, DOMAINS));
        assertEquals(DOMAIN_NOT_OF_ORGANIZATION, MembershipGate.decide("m@notutility-a.example", true, DOMAINS));
        assertEquals(DOMAIN_NOT_OF_ORGANIZATION, MembershipGate.decide("m@research.example", true, DOMAINS));
        assertEquals(DOMAIN_NOT_OF_ORGANIZATION, MembershipGate.decide("m@utility-a.example.evil", true, DOMAINS));
        assertEquals(NO_EMAIL, MembershipGate.decide(null, true, DOMAINS));
        assertEquals(NO_EMAIL, MembershipGate.decide("no-at-sign", true, DOMAINS));
    }
}
