package city.iam.kernel.job;

/** The run a step belongs to, for records that name it (notices, audit payloads). */
public record RunContext(String runId, String job, String trigger) {
}
