package city.iam.review.campaign;

import city.iam.review.definition.ScopeType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResumePointTest {

    static Grant direct(String user, String role) {
        return new Grant(user, user, 0, ScopeType.REALM_ROLE, role, role, GrantKind.DIRECT, null, "direct", false);
    }

    static Grant viaGroup(String user, String role, String group) {
        return new Grant(user, user, 0, ScopeType.REALM_ROLE, role, role, GrantKind.GROUP, group, "group " + group, false);
    }

    static Grant serviceAccount(String user, String role, String client) {
        return new Grant(user, user, 0, ScopeType.SERVICE_ACCOUNT, role, role, GrantKind.DIRECT, client, "service account", false);
    }

    /** A walk's stream: two roles, a user holding one both directly and through a group, and one grant reached twice. */
    static final List<Grant> STREAM = List.of(direct("u1", "r1"), direct("u2", "r1"), direct("u3", "r1"), viaGroup("u2", "r1", "g1"),
            viaGroup("u4", "r1", "g1"), direct("u1", "r2"), serviceAccount("s1", "r3", "c1"), serviceAccount("s2", "r3", "c1"),
            serviceAccount("s1", "r3", "c1"), serviceAccount("s2", "r3", "c1"), direct("u5", "r2"));

    static List<Grant> admitted(ResumePoint from, List<Grant> stream) {
        List<Grant> out = new ArrayList<>();
        stream.forEach(g -> {
            if (from.admits(g)) {
                out.add(g);
            }
        });
        return out;
    }

    @Test
    void fromTheStartEverythingIsNew() {
        ResumePoint start = ResumePoint.start();
        assertTrue(start.reached());
        assertEquals(STREAM, admitted(start, STREAM));
    }

    @Test
    void resumesJustAfterTheLastCommittedGrant() {
        ResumePoint from = ResumePoint.after(ResumePoint.Key.of(direct("u3", "r1")), 1);
        assertEquals(STREAM.subList(3, STREAM.size()), admitted(from, STREAM));
        assertTrue(from.reached());
    }

    @Test
    void aDirectGrantAndTheSameAccessThroughAGroupAreDifferentPoints() {
        ResumePoint from = ResumePoint.after(ResumePoint.Key.of(viaGroup("u2", "r1", "g1")), 1);
        assertEquals(STREAM.subList(4, STREAM.size()), admitted(from, STREAM));
    }

    @Test
    void aGrantReachedTwiceIsPassedAsOftenAsItWasStored() {
        ResumePoint.Key twice = ResumePoint.Key.of(serviceAccount("s1", "r3", "c1"));
        assertEquals(STREAM.subList(7, STREAM.size()), admitted(ResumePoint.after(twice, 1), STREAM));
        assertEquals(STREAM.subList(9, STREAM.size()), admitted(ResumePoint.after(twice, 2), STREAM));
    }

    @Test
    void aGrantThatIsGoneLeavesTheResumePointUnreached() {
        ResumePoint from = ResumePoint.after(ResumePoint.Key.of(direct("gone", "r1")), 1);
        assertEquals(List.of(), admitted(from, STREAM));
        assertFalse(from.reached());
    }

    @Test
    void aResumePointIsASightingOfAGrant() {
        assertThrows(IllegalArgumentException.class, () -> ResumePoint.after(ResumePoint.Key.of(direct("u1", "r1")), 0));
        assertThrows(NullPointerException.class, () -> ResumePoint.after(null, 1));
    }

    /**
     * The property the launch relies on: whatever number of items was committed when the launch was cut off, the
     * items stored plus what a resumed walk adds are exactly what one uninterrupted walk stores, when the walk drops
     * grants by a rule that judges each grant alone (subject filters, cadence).
     */
    @Test
    void committedItemsPlusTheResumedWalkAreTheUninterruptedLaunchWhereverItWasCutOff() {
        List<Predicate<Grant>> keeps = List.of(g -> true, g -> !g.userId().equals("u2"), g -> !g.userId().equals("s2"),
                g -> g.kind() != GrantKind.GROUP);
        for (Predicate<Grant> keep : keeps) {
            List<Grant> uninterrupted = STREAM.stream().filter(keep).toList();
            for (int committed = 0; committed <= uninterrupted.size(); committed++) {
                List<Grant> stored = uninterrupted.subList(0, committed);
                ResumePoint from = committed == 0 ? ResumePoint.start()
                        : ResumePoint.after(ResumePoint.Key.of(stored.get(committed - 1)),
                        stored.stream().filter(g -> ResumePoint.Key.of(g).equals(ResumePoint.Key.of(stored.get(stored.size() - 1)))).count());
                List<Grant> resumed = admitted(from, STREAM).stream().filter(keep).toList();
                List<Grant> all = new ArrayList<>(stored);
                all.addAll(resumed);
                assertEquals(uninterrupted, all, "cut off after " + committed + " items");
                assertTrue(from.reached());
            }
        }
    }
}
