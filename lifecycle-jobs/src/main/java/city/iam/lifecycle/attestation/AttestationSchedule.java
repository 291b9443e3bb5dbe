package city.iam.lifecycle.attestation;

import java.time.Duration;
import java.time.Instant;

/**
 * When an owner's next attestation of a client is due: one cadence after the last attestation, or — never
 * attested — one cadence after the owner took the client on. Plain arithmetic, so it is tested without a server.
 */
public record AttestationSchedule(Duration cadence) {

    public long dueAt(Long lastAttestedAt, long ownerSince) {
        return (lastAttestedAt != null ? lastAttestedAt : ownerSince) + cadence.toMillis();
    }

    /** Overdue once the due time has passed; at the due time itself the owner is still on time. */
    public boolean overdue(Long lastAttestedAt, long ownerSince, long now) {
        return now > dueAt(lastAttestedAt, ownerSince);
    }

    /** The finding's sentence: when it fell due and what the last attestation was. */
    public String overdueDetail(Long lastAttestedAt, long ownerSince, String owner) {
        String due = Instant.ofEpochMilli(dueAt(lastAttestedAt, ownerSince)).toString();
        String last = lastAttestedAt == null ? "never attested since its owner took it on at " + Instant.ofEpochMilli(ownerSince)
                : "last attested at " + Instant.ofEpochMilli(lastAttestedAt);
        return "The owner '" + owner + "' has not attested that the client is still needed: " + last + ", due at " + due
                + " (every " + cadence.toDays() + " days).";
    }
}
