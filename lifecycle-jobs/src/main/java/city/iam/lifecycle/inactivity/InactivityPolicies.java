package city.iam.lifecycle.inactivity;

import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import city.iam.kernel.settings.RealmSettings;
import org.keycloak.models.GroupModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A realm's inactivity policy, kept as the realm attribute {@code city-iam.lifecycle.inactivity-policy}: it
 * travels with a realm export and import, and the realm cache keeps every node in step.
 */
public final class InactivityPolicies {

    static final String KEY = "lifecycle.inactivity-policy";

    private InactivityPolicies() {
    }

    public static Optional<PolicyDocument> document(RealmModel realm) {
        String json = RealmSettings.of(realm).string(KEY, null);
        return json == null ? Optional.empty() : Optional.of(Json.read(json.getBytes(StandardCharsets.UTF_8), PolicyDocument.class));
    }

    public static Optional<InactivityPolicy> policy(RealmModel realm) {
        return document(realm).map(d -> InactivityPolicy.parse(d, d.version() == null ? 1 : d.version()));
    }

    /** Validates (groups included) and stores a new version; answers what was stored. */
    public static PolicyDocument put(KeycloakSession session, RealmModel realm, PolicyDocument wanted, Instant now) {
        int version = document(realm).map(d -> d.version() == null ? 1 : d.version() + 1).orElse(1);
        InactivityPolicy policy = InactivityPolicy.parse(wanted, version);
        exemptGroupIds(session, realm, policy);
        PolicyDocument stored = policy.document(now.toString());
        RealmSettings.of(realm).set(KEY, Json.write(stored));
        return stored;
    }

    public static void remove(RealmModel realm) {
        RealmSettings.of(realm).set(KEY, null);
    }

    /** The ids of the exempt groups and all their subgroups; an unknown path is refused. */
    public static Set<String> exemptGroupIds(KeycloakSession session, RealmModel realm, InactivityPolicy policy) {
        Set<String> ids = new HashSet<>();
        for (String path : policy.exemptGroups()) {
            GroupModel group = KeycloakModelUtils.findGroupByPath(session, realm, path);
            if (group == null) {
                throw CityIamException.badRequest("unknown_group", "exempt_groups names group '" + path + "', which realm "
                        + realm.getName() + " does not have.");
            }
            withSubgroups(group).forEach(g -> ids.add(g.getId()));
        }
        return ids;
    }

    private static Stream<GroupModel> withSubgroups(GroupModel group) {
        return Stream.concat(Stream.of(group), group.getSubGroupsStream().flatMap(InactivityPolicies::withSubgroups));
    }
}
