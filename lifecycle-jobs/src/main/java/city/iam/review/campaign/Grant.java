package city.iam.review.campaign;

import city.iam.review.definition.ScopeType;

/**
 * One way a user holds an access, as the snapshot found it. {@code viaId} is what carries the grant when it is
 * not direct: the composite role mapped to the user, or the group the user is a member of.
 */
public record Grant(String userId, String username, long userCreatedAt, ScopeType type, String accessId, String accessName,
                    GrantKind kind, String viaId, String path, boolean privileged) {
}
