package city.iam.lifecycle.leaver;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LeaverRecipientsTest {

    private static final LeaverRecipients.Access STAFF = new LeaverRecipients.Access("group /staff", "olga");
    private static final LeaverRecipients.Access METER = new LeaverRecipients.Access("role meter-reader", "olga");
    private static final LeaverRecipients.Access PORTAL = new LeaverRecipients.Access("client role portal/admin", "pete");
    private static final LeaverRecipients.Access UNOWNED = new LeaverRecipients.Access("role misc", null);

    @Test
    void managerHearsOfEverythingAndEachOwnerOnceOfWhatTheyOwn() {
        List<LeaverRecipients.Recipient> plan = LeaverRecipients.plan("lena", "mona", List.of(STAFF, PORTAL, METER, UNOWNED));
        assertEquals(List.of(
                new LeaverRecipients.Recipient("mona", true, List.of("group /staff", "client role portal/admin", "role meter-reader", "role misc")),
                new LeaverRecipients.Recipient("olga", false, List.of("group /staff", "role meter-reader")),
                new LeaverRecipients.Recipient("pete", false, List.of("client role portal/admin"))), plan);
    }

    @Test
    void aManagerWhoAlsoOwnsGetsOneMailAndTheLeaverNone() {
        List<LeaverRecipients.Recipient> plan = LeaverRecipients.plan("pete", "olga", List.of(STAFF, PORTAL));
        assertEquals(List.of(new LeaverRecipients.Recipient("olga", true, List.of("group /staff", "client role portal/admin"))), plan);
    }

    @Test
    void withoutManagerOnlyOwnersAndWithNobodyNothing() {
        assertEquals(List.of(new LeaverRecipients.Recipient("pete", false, List.of("client role portal/admin"))),
                LeaverRecipients.plan("lena", null, List.of(PORTAL, UNOWNED)));
        assertEquals(List.of(), LeaverRecipients.plan("lena", "lena", List.of(UNOWNED)));
        assertEquals(List.of(new LeaverRecipients.Recipient("mona", true, List.of())), LeaverRecipients.plan("lena", "mona", List.of()));
    }
}
