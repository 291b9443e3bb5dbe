package city.iam.kernel.audit;

import java.time.Instant;

/** Filters for listing audit entries; null means no filter. */
public record AuditQuery(String action, String subject, String actorId, Instant from, Instant to, boolean newestFirst) {

    public static AuditQuery all() {
        return new AuditQuery(null, null, null, null, null, false);
    }
}
