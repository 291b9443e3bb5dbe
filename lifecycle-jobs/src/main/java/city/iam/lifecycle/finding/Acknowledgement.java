package city.iam.lifecycle.finding;

import city.iam.kernel.error.CityIamException;
import city.iam.lifecycle.jpa.FindingEntity;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * {@code POST .../findings/{id}/acknowledge {"reason": "..."}}: an accepted risk, with who and why. A resolved
 * finding has nothing left to accept; an acknowledged one keeps its first acknowledgement.
 */
public record Acknowledgement(@JsonProperty("reason") String reason) {

    static final int MAX_REASON = 1000;

    public void applyTo(FindingEntity f, String by, long now) {
        if (reason == null || reason.isBlank()) {
            throw CityIamException.badRequest("missing_reason", "An acknowledgement needs a reason.");
        }
        if (reason.length() > MAX_REASON) {
            throw CityIamException.badRequest("invalid_reason", "The reason is at most " + MAX_REASON + " characters.");
        }
        if (!FindingStore.OPEN.equals(f.getStatus())) {
            throw CityIamException.conflict("finding_not_open", "Finding " + f.getId() + " is " + f.getStatus() + ", not OPEN.");
        }
        f.setStatus(FindingStore.ACKNOWLEDGED);
        f.setAckBy(by);
        f.setAckReason(reason.trim());
        f.setAckAt(now);
    }
}
