package city.iam.kernel.audit;

import city.iam.kernel.audit.VerifyReport.Reason;

import java.util.Iterator;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Walks a chain in sequence order and reports the first entry that breaks it. The chain is read as a
 * stream, so verifying a long log needs no more memory than one batch of entries.
 */
public final class ChainVerifier {

    /** The recorded end of the chain, kept apart from the entries so that a truncated tail is visible. */
    public record Head(long seq, String hash) {
    }

    private final Function<String, OptionalLong> seqOfHash;

    /**
     * @param seqOfHash finds the sequence number of the entry with a given hash anywhere in the chain; it
     *                  tells a moved entry (reordered) from one whose predecessor is gone (missing)
     */
    public ChainVerifier(Function<String, OptionalLong> seqOfHash) {
        this.seqOfHash = seqOfHash;
    }

    public VerifyReport verify(Iterator<ChainedEntry> entries, Head head) {
        long expected = 1;
        long checked = 0;
        String previous = ChainHasher.GENESIS;
        long headSeq = head == null ? 0 : head.seq();
        String headHash = head == null ? ChainHasher.GENESIS : head.hash();

        while (entries.hasNext()) {
            ChainedEntry e = entries.next();
            if (e.seq() > expected) {
                return VerifyReport.broken(checked, headSeq, headHash, expected, Reason.missing,
                        expected == e.seq() - 1 ? "Entry " + expected + " is missing."
                                : "Entries " + expected + " to " + (e.seq() - 1) + " are missing.");
            }
            if (e.seq() < expected) {
                return VerifyReport.broken(checked, headSeq, headHash, e.seq(), Reason.reordered,
                        "Entry " + e.seq() + " appears again after entry " + (expected - 1) + ".");
            }
            if (!ChainHasher.hashOf(e).equals(e.hash())) {
                return VerifyReport.broken(checked, headSeq, headHash, e.seq(), Reason.modified,
                        "The content of entry " + e.seq() + " no longer matches its hash.");
            }
            if (!e.prevHash().equals(previous)) {
                OptionalLong original = seqOfHash.apply(e.prevHash());
                if (original.isPresent()) {
                    return VerifyReport.broken(checked, headSeq, headHash, e.seq(), Reason.reordered,
                            "Entry " + e.seq() + " was written after the entry now numbered " + original.getAsLong()
                                    + ", not after entry " + (e.seq() - 1) + ".");
                }
                return VerifyReport.broken(checked, headSeq, headHash, e.seq(), Reason.missing,
                        "The entry that entry " + e.seq() + " was chained to is not in the log: an entry before it"
                                + " was removed or rewritten.");
            }
            previous = e.hash();
            expected++;
            checked++;
        }

        long last = expected - 1;
        if (headSeq > last) {
            return VerifyReport.broken(checked, headSeq, headHash, last + 1, Reason.missing,
                    "The chain ends at entry " + last + " but its head records " + headSeq + " entries.");
        }
        if (headSeq < last) {
            return VerifyReport.broken(checked, headSeq, headHash, headSeq + 1, Reason.inserted,
                    "Entries after " + headSeq + " were added outside the audit log.");
        }
        if (!headHash.equals(previous)) {
            return VerifyReport.broken(checked, headSeq, headHash, last, Reason.modified,
                    "Entry " + last + " is not the entry the chain's head recorded.");
        }
        return VerifyReport.ok(checked, headSeq, headHash);
    }
}
