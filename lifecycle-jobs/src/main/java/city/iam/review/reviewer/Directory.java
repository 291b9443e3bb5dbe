package city.iam.review.reviewer;

import city.iam.review.definition.ScopeType;

import java.util.Collection;
import java.util.List;

/**
 * What reviewer resolution needs to know about people and access, by user id. Keycloak answers it in
 * production ({@link ModelDirectory}); unit tests answer it from a map.
 */
public interface Directory {

    /** The user id the subject's manager attribute names (a username or an id), or null. */
    String managerOf(String userId, String attribute);

    /** The user id the access's owner attribute names (on the role or group), or null. */
    String ownerOf(ScopeType type, String accessId, String attribute);

    /** The ids of the named users, in order, skipping unknown ones. */
    List<String> users(List<String> usernames);

    /** The ids of a group's direct members, in a stable order. */
    List<String> groupMembers(String path);

    /** The id of a user by username, or null. */
    String userId(String username);

    /** Whether the user exists and is enabled (a disabled manager cannot review). */
    boolean active(String userId);

    /** A hint that {@link #managerOf} will be asked about these users next, so an answer can be read for all at once. */
    default void prefetch(Collection<String> userIds, String attribute) {
    }

    /**
     * The owner named by {@code attribute} on the client whose service account {@code serviceAccountUserId} is,
     * or null: a service account's roles are reviewed by its client's owner.
     */
    default String clientOwnerOf(String serviceAccountUserId, String attribute) {
        return null;
    }
}
