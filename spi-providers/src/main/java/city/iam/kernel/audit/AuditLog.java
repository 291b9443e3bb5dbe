package city.iam.kernel.audit;

import city.iam.kernel.page.Page;

import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * A realm's append-only, hash-chained audit log. {@link #append} joins the caller's transaction, so the
 * entry is committed with the change it records or not at all. Nobody can edit or delete entries through it.
 */
public interface AuditLog {

    ChainedEntry append(AuditRecord record);

    List<ChainedEntry> list(AuditQuery query, Page page);

    /** Entries in sequence order from {@code fromSeq}, read in batches; close the stream when done. */
    Stream<ChainedEntry> stream(long fromSeq);

    ChainVerifier.Head head();

    OptionalLong seqOfHash(String hash);

    default VerifyReport verify() {
        try (Stream<ChainedEntry> entries = stream(1)) {
            return new ChainVerifier(this::seqOfHash).verify(entries.iterator(), head());
        }
    }
}
