package city.iam.review.campaign;

import city.iam.review.jpa.CampaignEntity;
import city.iam.review.decision.PriorReview;
import city.iam.review.definition.ReviewDefinition;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What changed since a campaign's snapshot: grants of its scope that exist now but were not frozen (added
 * mid-campaign, so nobody reviews them this time) and frozen grants that no longer exist (removed outside the
 * review). Reported, never merged into the campaign, whose population stays the one its hash names. With a
 * review cadence, a grant the launch left out because it was not due is not drift: only grants that were due
 * at the launch (by the decisions made before it) count as added; likewise grants that {@code scope.filters}
 * leave out (holders judged as at the launch).
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

    /**
     * Whether drift means anything for the campaign: only for a launch of the definition's whole scope (run-now or
     * scheduled). A mover's, an SoD or a workflow's review froze one person's access on purpose; everyone else
     * holding its scope is not drift.
     */
    public static boolean applies(CampaignEntity c) {
        String trigger = c.getTriggeredBy() == null ? "" : c.getTriggeredBy();
        return trigger.startsWith(CampaignLauncher.ADMIN_TRIGGER) || trigger.startsWith(CampaignLauncher.SCHEDULE_TRIGGER);
    }

    public static Result of(KeycloakSession session, RealmModel realm, Campaigns campaigns, String campaignId, ReviewDefinition definition) {
        // A 64-bit hash of each frozen grant and its item's seq, not the grant's text: half a million frozen
        // grants held as strings took a third of a 1 GB heap. The removed ones are read back by seq to list them.
        Map<Long, Long> frozen = new HashMap<>();
        campaigns.eachItem(campaignId, i -> frozen.put(key(i.getUserId(), i.getAccessId(), i.getGrantKind(), i.getGrantViaId()), i.getSeq()));
        List<Change> added = new ArrayList<>();
        long[] addedCount = {0};
        Consumer<List<Grant>> count = batch -> batch.forEach(g -> {
            addedCount[0]++;
            if (added.size() < MAX_LISTED) {
                added.add(new Change(g.username(), g.userId(), g.accessName(), g.path()));
            }
        });
        long launchedAt = campaigns.require(campaignId).getCreatedAt();
        Consumer<List<Grant>> due = definition.cadence().always() ? count
                : batch -> count.accept(dueAt(new ReviewHistory(realm, campaigns.em()), definition, batch, launchedAt));
        // Holders the definition's filters left out at the launch are not drift either.
        SnapshotWalk walk = new SnapshotWalk(session, realm, campaigns.em());
        Consumer<List<Grant>> sink = batch -> due.accept(walk.holdersPassing(definition, batch, launchedAt));
        List<Grant> pending = new ArrayList<>();
        walk.grants(definition, g -> {
            if (frozen.remove(key(g.userId(), g.accessId(), g.kind().name(), g.viaId())) == null) {
                pending.add(g);
                if (pending.size() == SnapshotWalk.BATCH) {
                    sink.accept(List.copyOf(pending));
                    pending.clear();
                }
            }
        });
        sink.accept(pending);
        List<Long> firstRemoved = frozen.values().stream().sorted().limit(MAX_LISTED).toList();
        List<Change> removed = Campaigns.itemsAt(campaigns.em(), campaignId, firstRemoved).stream()
                .map(i -> new Change(i.getUsername(), i.getUserId(), i.getAccessName(), i.getGrantPath())).toList();
        return new Result(addedCount[0], added, frozen.size(), removed);
    }

    /** The grants of a batch that the cadence made due at {@code launchedAt}, judged by decisions made before it. */
    private static List<Grant> dueAt(ReviewHistory history, ReviewDefinition definition, List<Grant> batch, long launchedAt) {
        if (batch.isEmpty()) {
            return batch;
        }
        Map<String, PriorReview> prior = history.of(definition.id(), batch.stream().map(Grant::userId).distinct().toList());
        return batch.stream().filter(g -> {
            PriorReview p = prior.get(ReviewHistory.key(g.userId(), g.accessId()));
            Long certified = p == null ? null : p.certifiedAt();
            return definition.cadence().due(g.sensitivity(), g.privileged(), certified != null && certified < launchedAt ? certified : null,
                    launchedAt);
        }).toList();
    }

    /** FNV-1a over the grant's identity: collisions among a campaign's grants are far below one in a million. */
    private static long key(String userId, String accessId, String kind, String viaId) {
        long h = 0xcbf29ce484222325L;
        for (String part : new String[] {userId, accessId, kind, viaId}) {
            String p = part == null ? "" : part;
            for (int k = 0; k < p.length(); k++) {
                h = (h ^ p.charAt(k)) * 0x100000001b3L;
            }
            h = (h ^ '|') * 0x100000001b3L;
        }
        return h;
    }
}
