package city.iam.lifecycle.leaver;

import city.iam.lifecycle.account.DateAttribute;

/**
 * What the sweep knows of one user and what follows from it, in plain Java. An end date is an ISO date
 * ({@code 2026-12-31}: the person leaves at the end of that day, UTC) or an instant; an unreadable one is
 * reported, never guessed at.
 */
public record LeaverFacts(String endDate, String hrStatus, Long leftAt) {

    public enum Step { NONE, LEAVE, ANONYMISE, UNREADABLE_END_DATE }

    /** Why the account leaves: {@code end_date} or {@code hr_status}; null when it does not. */
    public String reason(LeaverSettings settings, long now) {
        Long end = endMillis();
        if (end != null && end <= now) {
            return "end_date";
        }
        return hrStatus != null && settings.hrLeftValues().stream().anyMatch(v -> v.equalsIgnoreCase(hrStatus.trim())) ? "hr_status" : null;
    }

    public Step step(LeaverSettings settings, long now) {
        if (leftAt == null) {
            if (endDate != null && !endDate.isBlank() && endMillis() == null) {
                return Step.UNREADABLE_END_DATE;
            }
            return reason(settings, now) == null ? Step.NONE : Step.LEAVE;
        }
        if (settings.anonymiseAfter() != null && now - leftAt >= settings.anonymiseAfter().toMillis()) {
            return Step.ANONYMISE;
        }
        return Step.NONE;
    }

    /** True when the account is disabled later than the SLA allows after its end date. */
    public boolean slaBreached(LeaverSettings settings, long now) {
        Long end = endMillis();
        return end != null && now - end > settings.sla().toMillis();
    }

    public Long endMillis() {
        return DateAttribute.end(endDate);
    }
}
