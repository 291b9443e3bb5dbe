package city.iam.realmconfig.model;

import java.util.Set;

/**
 * The names of the live realm's own objects that our configuration refers to but the directory does not
 * declare (they come with the realm JSON): group paths, realm roles and client roles as {@code client/role};
 * and the aliases of its organisations (an identity provider may link to one the directory does not declare).
 */
public record RealmNames(Set<String> groupPaths, Set<String> realmRoles, Set<String> clientRoles, Set<String> organizations) {

    /** For a directory whose types name none of these (nothing is read). */
    public static final RealmNames NONE = new RealmNames(Set.of(), Set.of(), Set.of(), Set.of());
}
