package city.iam.kernel.job;

/**
 * What one step did: how many items it looked at and changed, the cursor to resume after, and whether the run
 * is complete.
 */
public record Batch(String cursor, long processed, long changed, boolean done) {

    public static Batch last(String cursor, long processed, long changed) {
        return new Batch(cursor, processed, changed, true);
    }

    public static Batch more(String cursor, long processed, long changed) {
        return new Batch(cursor, processed, changed, false);
    }
}
