package city.iam.review.campaign;

import city.iam.kernel.page.Page;
import city.iam.kernel.time.KeycloakClock;
import city.iam.review.decision.PriorReview;
import city.iam.review.definition.Cadence;
import city.iam.review.definition.ReviewDefinition;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code GET .../definitions/{id}/grants}: one page of the grants in a definition's scope (as launch would see them,
 * subject filters included, but not narrowed by the cadence) with when each was last certified and when it is next
 * due. The order is the snapshot walk's (by access, then user id), which is stable between calls.
 *
 * <p>Cost: Keycloak's tables give no cheap way to start the walk at an offset (a grant may come through a direct
 * mapping, a composite or a group), so a page streams the first {@code first + max} grants in batches of {@link #BATCH}
 * and stops there; nothing beyond a batch and the page is held in memory. {@code max} is capped at {@link #MAX_PAGE};
 * deep pages cost more, linearly in {@code first}. The review history is read only for the page's people.
 */
public final class GrantCertifications {

    public static final int MAX_PAGE = 200;
    static final int BATCH = 200;

    /** Nulls are written out: a null date means "never certified" or "due at every launch", not "unknown". */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Entry(@JsonProperty("user_id") String userId,
                        @JsonProperty("username") String username,
                        @JsonProperty("access_type") String accessType,
                        @JsonProperty("access_id") String accessId,
                        @JsonProperty("access") String access,
                        @JsonProperty("grant_path") String grantPath,
                        @JsonProperty("sensitivity") String sensitivity,
                        @JsonProperty("privileged") boolean privileged,
                        @JsonProperty("last_certified_at") String lastCertifiedAt,
                        @JsonProperty("certification_due_at") String certificationDueAt,
                        @JsonProperty("due") boolean due) {

        /** Plain rule: last certification from the history, due date and flag from the cadence at {@code now}. */
        static Entry of(Grant g, PriorReview prior, Cadence cadence, long now) {
            Long certified = prior == null ? null : prior.certifiedAt();
            Long dueAt = cadence.dueAt(g.sensitivity(), g.privileged(), certified);
            return new Entry(g.userId(), g.username(), g.type().code(), g.accessId(), g.accessName(), g.path(), g.sensitivity(),
                    g.privileged(), iso(certified), iso(dueAt), cadence.due(g.sensitivity(), g.privileged(), certified, now));
        }
    }

    /** Thrown from inside the walk once the page is full: the walk's result streams are closed on the way out. */
    private static final class PageFull extends RuntimeException {
        PageFull() {
            super(null, null, false, false);
        }
    }

    private GrantCertifications() {
    }

    public static List<Entry> page(KeycloakSession session, RealmModel realm, EntityManager em, ReviewDefinition definition, Page page) {
        long now = KeycloakClock.INSTANCE.millis();
        SnapshotWalk walk = new SnapshotWalk(session, realm, em);
        List<Grant> pending = new ArrayList<>();
        List<Grant> kept = new ArrayList<>();
        long[] skipped = {0};
        Runnable flush = () -> {
            for (Grant g : walk.holdersPassing(definition, pending, now)) {
                if (skipped[0] < page.first()) {
                    skipped[0]++;
                } else if (kept.size() < page.max()) {
                    kept.add(g);
                }
            }
            pending.clear();
            if (kept.size() >= page.max()) {
                throw new PageFull();
            }
        };
        try {
            walk.grants(definition, g -> {
                pending.add(g);
                if (pending.size() == BATCH) {
                    flush.run();
                }
            });
            if (!pending.isEmpty()) {
                flush.run();
            }
        } catch (PageFull full) {
            // the page is complete
        }
        Map<String, PriorReview> prior = new ReviewHistory(realm, em).of(definition.id(), kept.stream().map(Grant::userId).distinct().toList());
        List<Entry> out = new ArrayList<>(kept.size());
        for (Grant g : kept) {
            out.add(Entry.of(g, prior.get(ReviewHistory.key(g.userId(), g.accessId())), definition.cadence(), now));
        }
        return out;
    }

    private static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
