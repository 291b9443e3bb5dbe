package city.iam.review.campaign;

import city.iam.review.definition.ScopeType;

/**
 * One way a user holds an access, as the snapshot found it. {@code viaId} is what carries the grant when it is
 * not direct: the composite role mapped to the user, or the group the user is a member of. {@code sensitivity}
 * is the highest dataset class the access reaches (null: none known); it sets the review cadence.
 */
public record Grant(String userId, String username, long userCreatedAt, ScopeType type, String accessId, String accessName,
                    GrantKind kind, String viaId, String path, boolean privileged, String sensitivity) {

    public Grant(String userId, String username, long userCreatedAt, ScopeType type, String accessId, String accessName,
                 GrantKind kind, String viaId, String path, boolean privileged) {
        this(userId, username, userCreatedAt, type, accessId, accessName, kind, viaId, path, privileged, null);
    }
}
