package city.iam.review.campaign;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Item ids for one launch: RFC 9562 version-7 UUIDs (launch time in milliseconds, then 34 random bits fixed for the
 * launch, then the item's sequence number), so the ids of a launch ascend with its sequence. Random version-4
 * ids scattered half a million inserts over the whole primary-key index; these append at its end.
 */
final class ItemIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long SEQ_BITS = 40;

    private final long msb;
    private final long lsbPrefix;

    ItemIds(long epochMillis) {
        long random = RANDOM.nextLong();
        msb = (epochMillis << 16) | 0x7000L | (random & 0xFFFL);
        lsbPrefix = 0x8000_0000_0000_0000L | (((random >>> 12) & 0x3F_FFFFL) << SEQ_BITS);
    }

    String id(long seq) {
        if (seq < 0 || seq >= (1L << SEQ_BITS)) {
            throw new IllegalArgumentException("sequence out of range: " + seq);
        }
        return new UUID(msb, lsbPrefix | seq).toString();
    }
}
