package city.iam.review.campaign;

import java.util.Objects;

/**
 * Where a launch cut off by a crash continues: just after the grant of its last committed item. The walk streams
 * grants in a stable order (scope entry by scope entry, then by user id and the role or group that carries the
 * grant), and every grant it drops (subject filters, cadence) it would drop again at the campaign's frozen
 * {@code now}, so the first grant after the last stored one is where an uninterrupted launch would have gone on;
 * batch boundaries do not matter, since each grant becomes the same item whichever batch it is in.
 *
 * <p>A grant's key is not always unique in the stream: two scope entries can reach the same grant (a service
 * account's role through its client and through every client, say). The item table tells how often the last key
 * was stored, and the walk is resumed after that many sightings of it. When the key never comes back (its holder
 * was deleted meanwhile) {@link #reached()} stays false and the launch cannot be continued exactly.
 *
 * <p>One instance per walk: it counts what it has seen.
 */
public final class ResumePoint {

    /** What identifies a grant in the snapshot: the fields of the hashed line minus the sequence number and path. */
    public record Key(String accessType, String accessId, String userId, String grantKind, String viaId) {
        public Key {
            Objects.requireNonNull(accessType);
            Objects.requireNonNull(accessId);
            Objects.requireNonNull(userId);
            Objects.requireNonNull(grantKind);
        }

        public static Key of(Grant g) {
            return new Key(g.type().code(), g.accessId(), g.userId(), g.kind().name(), g.viaId());
        }
    }

    private final Key last;
    private final long sightings;
    private long seen;

    private ResumePoint(Key last, long sightings) {
        this.last = last;
        this.sightings = sightings;
    }

    /** A walk from the beginning: a launch that committed no item yet. */
    public static ResumePoint start() {
        return new ResumePoint(null, 0);
    }

    /** Resume after the {@code sightings}-th time the walk meets {@code last} (at least once). */
    public static ResumePoint after(Key last, long sightings) {
        if (sightings < 1) {
            throw new IllegalArgumentException("sightings must be at least 1: " + sightings);
        }
        return new ResumePoint(Objects.requireNonNull(last), sightings);
    }

    /** Whether {@code g} is new to the campaign; the grants up to and including the resume point are not. */
    public boolean admits(Grant g) {
        if (reached()) {
            return true;
        }
        if (last.equals(Key.of(g))) {
            seen++;
        }
        return false;
    }

    /** Whether the walk has passed the resume point (always, from the start). */
    public boolean reached() {
        return seen >= sightings;
    }

    public Key last() {
        return last;
    }
}
