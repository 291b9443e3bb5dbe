package city.iam.dataset.it;

/** The admin API's documented bulk limit (docs/datasets.md), restated so a change to it is a visible test change. */
final class DatasetLimits {

    static final int MAX_BULK = 5_000;

    private DatasetLimits() {
    }
}
