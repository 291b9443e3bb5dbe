package city.iam.kernel.audit;

import city.iam.kernel.audit.VerifyReport.Reason;
import city.iam.kernel.json.CanonicalJson;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Builds a chain in memory the way JpaAuditLog does and breaks it in each way an attacker or a fault can. */
class ChainVerifierTest {

    private final Actor alice = new Actor(Actor.USER, "u-1", "alice", "gold");
    private List<ChainedEntry> chain;
    private ChainVerifier.Head head;

    @BeforeEach
    void buildChain() {
        chain = new ArrayList<>();
        String prev = ChainHasher.GENESIS;
        for (int i = 1; i <= 6; i++) {
            String payload = CanonicalJson.of(Map.of("n", i));
            long time = 1_700_000_000_000L + i;
            String hash = ChainHasher.hash(prev, ChainHasher.canonical(time, alice, "test.act", "s" + i, payload));
            chain.add(new ChainedEntry(i, time, alice, "test.act", "s" + i, payload, prev, hash));
            prev = hash;
        }
        head = new ChainVerifier.Head(6, prev);
    }

    private VerifyReport verify() {
        ChainVerifier verifier = new ChainVerifier(hash -> chain.stream()
                .filter(e -> e.hash().equals(hash)).mapToLong(ChainedEntry::seq).findFirst());
        return verifier.verify(chain.iterator(), head);
    }

    @Test
    void intactChainIsValid() {
        VerifyReport report = verify();
        assertTrue(report.valid());
        assertEquals(6, report.entriesChecked());
        assertNull(report.firstBroken());
    }

    @Test
    void emptyChainWithGenesisHeadIsValid() {
        chain.clear();
        head = new ChainVerifier.Head(0, ChainHasher.GENESIS);
        assertTrue(verify().valid());
    }

    @Test
    void changedPayloadIsReportedAsModifiedAtThatEntry() {
        ChainedEntry e = chain.get(2);
        chain.set(2, new ChainedEntry(e.seq(), e.timeMillis(), e.actor(), e.action(), e.subject(),
                "{\"n\":99}", e.prevHash(), e.hash()));
        assertBroken(3, Reason.modified);
    }

    @Test
    void changedActorOrAcrIsModified() {
        ChainedEntry e = chain.get(1);
        chain.set(1, new ChainedEntry(e.seq(), e.timeMillis(), new Actor(Actor.USER, "u-1", "alice", "bronze"),
                e.action(), e.subject(), e.payload(), e.prevHash(), e.hash()));
        assertBroken(2, Reason.modified);
    }

    @Test
    void deletedEntryIsMissing() {
        chain.remove(3);
        assertBroken(4, Reason.missing);
    }

    @Test
    void deletedAndRenumberedEntryIsStillMissing() {
        chain.remove(3);
        for (int i = 3; i < chain.size(); i++) {
            ChainedEntry e = chain.get(i);
            chain.set(i, new ChainedEntry(e.seq() - 1, e.timeMillis(), e.actor(), e.action(), e.subject(), e.payload(), e.prevHash(), e.hash()));
        }
        head = new ChainVerifier.Head(5, head.hash());
        assertBroken(4, Reason.missing);
    }

    @Test
    void swappedEntriesAreReordered() {
        ChainedEntry third = chain.get(2);
        ChainedEntry fourth = chain.get(3);
        chain.set(2, new ChainedEntry(3, fourth.timeMillis(), fourth.actor(), fourth.action(), fourth.subject(), fourth.payload(), fourth.prevHash(), fourth.hash()));
        chain.set(3, new ChainedEntry(4, third.timeMillis(), third.actor(), third.action(), third.subject(), third.payload(), third.prevHash(), third.hash()));
        assertBroken(3, Reason.reordered);
    }

    @Test
    void truncatedTailIsMissing() {
        chain.remove(5);
        assertBroken(6, Reason.missing);
    }

    @Test
    void forgedEntryAppendedOutsideTheLogIsInserted() {
        ChainedEntry last = chain.get(5);
        String payload = "{}";
        String hash = ChainHasher.hash(last.hash(), ChainHasher.canonical(1L, alice, "forged", null, payload));
        chain.add(new ChainedEntry(7, 1L, alice, "forged", null, payload, last.hash(), hash));
        assertBroken(7, Reason.inserted);
    }

    @Test
    void recomputedLastEntryIsCaughtByTheHead() {
        ChainedEntry last = chain.get(5);
        String payload = "{\"n\":600}";
        String hash = ChainHasher.hash(last.prevHash(), ChainHasher.canonical(last.timeMillis(), alice, last.action(), last.subject(), payload));
        chain.set(5, new ChainedEntry(6, last.timeMillis(), alice, last.action(), last.subject(), payload, last.prevHash(), hash));
        assertBroken(6, Reason.modified);
    }

    @Test
    void tamperedPreviousHashColumnIsNotAccepted() {
        ChainedEntry e = chain.get(4);
        chain.set(4, new ChainedEntry(e.seq(), e.timeMillis(), e.actor(), e.action(), e.subject(), e.payload(), "zz-not-hex", e.hash()));
        VerifyReport report = verify();
        assertFalse(report.valid());
        assertEquals(5, report.firstBroken().seq());
    }

    private void assertBroken(long seq, Reason reason) {
        VerifyReport report = verify();
        assertFalse(report.valid(), "chain should be broken");
        assertEquals(seq, report.firstBroken().seq(), report.firstBroken().detail());
        assertEquals(reason, report.firstBroken().reason(), report.firstBroken().detail());
    }

    @Test
    void hashIsStableForTheSameContent() {
        String a = ChainHasher.hash(ChainHasher.GENESIS, ChainHasher.canonical(5L, alice, "x", "y", "{\"b\":1,\"a\":2}"));
        String b = ChainHasher.hash(ChainHasher.GENESIS, ChainHasher.canonical(5L, alice, "x", "y", "{\"a\":2,\"b\":1}"));
        assertEquals(a, b);
        assertEquals(OptionalLong.empty(), OptionalLong.empty());
    }
}
