package city.iam.kernel.audit;

/**
 * One stored link of a realm's audit chain, exactly as kept in the database. {@code payload} is canonical
 * JSON text.
 */
public record ChainedEntry(long seq, long timeMillis, Actor actor, String action, String subject,
                           String payload, String prevHash, String hash) {
}
