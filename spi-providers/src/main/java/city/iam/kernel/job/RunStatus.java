package city.iam.kernel.job;

public enum RunStatus {
    RUNNING, DONE, FAILED
}
