package city.iam.review.campaign;

import city.iam.review.definition.ReviewDefinition;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What changed since a campaign's snapshot: grants of its scope that exist now but were not frozen (added
 * mid-campaign, so nobody reviews them this time) and frozen grants that no longer exist (removed outside the
 * review). Reported, never merged into the campaign, whose population stays the one its hash names.
 */
public final class Drift {

    static final int MAX_LISTED = 100;

    public record Change(@JsonProperty("username") String username, @JsonProperty("user_id") String userId,
                         @JsonProperty("access") String access, @JsonProperty("grant_path") String grantPath) {
    }

    public record Result(@JsonProperty("added_count") long addedCount, @JsonProperty("added") List<Change> added,
                         @JsonProperty("removed_count") long removedCount, @JsonProperty("removed") List<Change> removed) {
    }

    private Drift() {
    }

    public static Result of(KeycloakSession session, RealmModel realm, Campaigns campaigns, String campaignId, ReviewDefinition definition) {
        Map<String, Change> frozen = new HashMap<>();
        campaigns.eachItem(campaignId, i -> frozen.put(key(i.getUserId(), i.getAccessId(), i.getGrantKind(), i.getGrantViaId()),
                new Change(i.getUsername(), i.getUserId(), i.getAccessName(), i.getGrantPath())));
        List<Change> added = new ArrayList<>();
        long[] addedCount = {0};
        new SnapshotWalk(session, realm, campaigns.em()).grants(definition, g -> {
            if (frozen.remove(key(g.userId(), g.accessId(), g.kind().name(), g.viaId())) == null) {
                addedCount[0]++;
                if (added.size() < MAX_LISTED) {
                    added.add(new Change(g.username(), g.userId(), g.accessName(), g.path()));
                }
            }
        });
        List<Change> removed = frozen.values().stream().limit(MAX_LISTED).toList();
        return new Result(addedCount[0], added, frozen.size(), removed);
    }

    private static String key(String userId, String accessId, String kind, String viaId) {
        return userId + "|" + accessId + "|" + kind + "|" + viaId;
    }
}
