package city.iam.lifecycle.finding;

/** One thing the scan saw in this run; the store turns it into a new or refreshed finding. */
public record Observation(FindingKind kind, String subjectId, String subjectName, String detail) {
}
