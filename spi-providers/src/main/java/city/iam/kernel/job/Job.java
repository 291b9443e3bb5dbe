package city.iam.kernel.job;

import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;

/**
 * Batched, resumable work for one realm. The runner calls {@link #step} in a fresh transaction for each batch
 * and stores the returned cursor in the same transaction, so a run that dies between batches resumes exactly
 * where the last committed batch ended. A step must therefore be idempotent for its batch and keep its own
 * writes in the session it is given.
 */
public interface Job {

    /** Stable name used in the runs table and in {@code POST .../runs {"job": name}}; at most 64 characters. */
    String name();

    /** Does one batch starting after {@code cursor} (null at the start of a run). */
    Batch step(KeycloakSession session, RealmModel realm, RunContext run, String cursor);

    /** How often the scheduler starts the job in a realm where {@link #scheduledIn} holds; null: never. */
    default Duration interval() {
        return null;
    }

    /** The interval in one realm, for jobs whose realms choose their own; by default {@link #interval()}. */
    default Duration interval(KeycloakSession session, RealmModel realm) {
        return interval();
    }

    /** Whether the scheduler should run the job in this realm (for example: a policy is configured). */
    default boolean scheduledIn(KeycloakSession session, RealmModel realm) {
        return false;
    }
}
