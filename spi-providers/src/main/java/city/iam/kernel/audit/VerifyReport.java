package city.iam.kernel.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** The outcome of verifying a realm's chain: valid, or the first broken entry and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyReport(@JsonProperty("valid") boolean valid,
                           @JsonProperty("entries_checked") long entriesChecked,
                           @JsonProperty("head_seq") long headSeq,
                           @JsonProperty("head_hash") String headHash,
                           @JsonProperty("first_broken") Broken firstBroken) {

    public enum Reason {
        /** The entry's content no longer produces its stored hash. */
        modified,
        /** An entry is absent: a gap in the sequence, a truncated tail, or a link to an entry that is gone. */
        missing,
        /** The entry is authentic but stands at the wrong place in the chain. */
        reordered,
        /** An entry exists beyond the recorded head of the chain: it was not written through the log. */
        inserted
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Broken(@JsonProperty("seq") long seq,
                         @JsonProperty("reason") Reason reason,
                         @JsonProperty("detail") String detail) {
    }

    public static VerifyReport ok(long checked, long headSeq, String headHash) {
        return new VerifyReport(true, checked, headSeq, headHash, null);
    }

    public static VerifyReport broken(long checked, long headSeq, String headHash, long seq, Reason reason, String detail) {
        return new VerifyReport(false, checked, headSeq, headHash, new Broken(seq, reason, detail));
    }
}
