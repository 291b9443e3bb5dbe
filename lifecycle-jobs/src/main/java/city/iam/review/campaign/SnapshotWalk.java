package city.iam.review.campaign;

import city.iam.lifecycle.tracker.LastAuthStore;
import city.iam.kernel.time.KeycloakClock;
import city.iam.review.decision.PriorReview;
import city.iam.review.decision.Recommendation;
import city.iam.review.definition.Cadence;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ScopeType;
import city.iam.review.reviewer.Assignment;
import city.iam.review.reviewer.ModelDirectory;
import city.iam.review.reviewer.ReviewerChain;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Walks a definition's scope once: every grant with its first-stage reviewer, the holder's last sign-in and
 * what earlier reviews said about it, handed on in batches. A definition with a review cadence keeps only the
 * grants that are due (last reviewed longer ago than their cadence, or never). Launch stores the batches; the
 * dry-run preview only counts them, so both see exactly the same population.
 */
public final class SnapshotWalk {

    /** Grants per batch; at most this many distinct people, which keeps every IN list within Oracle's 1000. */
    public static final int BATCH = 1000;

    /** A grant ready to become an item. */
    public record Row(Grant grant, Assignment assignment, Long lastAuthAt, PriorReview prior) {

        public Recommendation recommendation(ReviewDefinition definition, long now) {
            return Recommendation.of(lastAuthAt, grant.userCreatedAt(), grant.privileged(), grant.sensitivity(), prior,
                    definition.inactiveAfter(), now);
        }
    }

    public interface Sink {
        void batch(List<Row> rows);
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final LastAuthStore tracker;
    private final ReviewHistory history;
    private final String subjectId;
    private final Set<String> justified;
    /** Last sign-ins read so far (null: never): a scope of several roles walks the same people again. */
    private final Map<String, Long> lastAuth = new HashMap<>();
    /** Kept for the walk: its guest lookup reads the city's organisations once. */
    private SubjectFilter subjectFilter;

    public SnapshotWalk(KeycloakSession session, RealmModel realm, EntityManager em) {
        this(session, realm, em, null, Set.of());
    }

    private SnapshotWalk(KeycloakSession session, RealmModel realm, EntityManager em, String subjectId, Set<String> justified) {
        this.session = session;
        this.realm = realm;
        this.em = em;
        this.tracker = new LastAuthStore(em);
        this.history = new ReviewHistory(realm, em);
        this.subjectId = subjectId;
        this.justified = justified;
    }

    /**
     * One user's grants only, leaving out those carried by a role or group in {@code justified} (what birthright
     * rules gave them): a mover's discretionary access.
     */
    public SnapshotWalk discretionaryAccessOf(String userId, Set<String> justified) {
        return new SnapshotWalk(session, realm, em, userId, Set.copyOf(justified));
    }

    /** The whole population as it is now (a preview, a mover's review). */
    public void walk(ReviewDefinition definition, Sink sink) {
        walk(definition, KeycloakClock.INSTANCE.millis(), ResumePoint.start(), sink);
    }

    /**
     * The population as of {@code now} (subject filters and cadence are judged then: a launch's frozen time, which a
     * resumed launch reuses), leaving out the grants up to {@code from}.
     */
    public void walk(ReviewDefinition definition, long now, ResumePoint from, Sink sink) {
        ReviewerChain chain = new ReviewerChain(definition, new ModelDirectory(session, realm));
        String firstResolver = definition.stage(1).reviewer();
        List<Grant> pending = new ArrayList<>();
        grants(definition, g -> {
            if (!from.admits(g)) {
                return;
            }
            pending.add(g);
            if (pending.size() == BATCH) {
                flush(definition, pending, chain, firstResolver, sink, now);
            }
        });
        if (!pending.isEmpty()) {
            flush(definition, pending, chain, firstResolver, sink, now);
        }
    }

    /** The definition's population as it is now, grant by grant, in snapshot order. */
    public void grants(ReviewDefinition definition, Consumer<Grant> sink) {
        EffectiveAccess access = new EffectiveAccess(session, realm, em, subjectId);
        Consumer<Grant> kept = justified.isEmpty() ? sink
                : g -> {
                    if (!justified.contains(g.viaId() != null ? g.viaId() : g.accessId())) {
                        sink.accept(g);
                    }
                };
        // A service account's roles are privileged or not one by one, so they are filtered grant by grant.
        Consumer<Grant> privileged = !definition.privilegedOnly() ? kept : g -> {
            if (g.privileged()) {
                kept.accept(g);
            }
        };
        // Access filters decide a role, group or organisation once, before its grants are read; a service
        // account's roles differ grant by grant.
        AccessFilter filter = new AccessFilter(session, realm, definition.filters());
        Consumer<Grant> filtered = !filter.active() ? privileged : g -> {
            if (g.type() != ScopeType.SERVICE_ACCOUNT || filter.admits(g)) {
                privileged.accept(g);
            }
        };
        Set<String> seen = new HashSet<>();
        for (ReviewDefinition.Selector selector : definition.selectors()) {
            EffectiveAccess.Access a = access.access(selector);
            if (a == null || (definition.privilegedOnly() && !a.privileged() && a.type() != ScopeType.SERVICE_ACCOUNT)
                    || !seen.add(a.type() + ":" + a.id())
                    || (filter.active() && a.type() != ScopeType.SERVICE_ACCOUNT && !filter.admits(a))) {
                continue;
            }
            access.grants(a, filtered);
        }
    }

    /**
     * The grants of a batch whose holders pass the definition's subject filters at {@code now} (all of them when
     * it has none); last sign-ins are read for the batch in one query. Launch, preview and drift all filter here.
     */
    public List<Grant> holdersPassing(ReviewDefinition definition, List<Grant> batch, long now) {
        if (!definition.filters().filtersSubjects() || batch.isEmpty()) {
            return batch;
        }
        if (subjectFilter == null || subjectFilter.filters() != definition.filters()) {
            subjectFilter = new SubjectFilter(realm, em, definition.filters());
        }
        return subjectFilter.keep(batch, lastAuthOf(batch.stream().map(Grant::userId).distinct().toList()), now);
    }

    /** Last sign-ins from the lifecycle tracker, one query per batch for the people not read before. */
    private Map<String, Long> lastAuthOf(List<String> people) {
        List<String> unknown = people.stream().filter(id -> !lastAuth.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            Map<String, Long> read = tracker.lastAuthAt(unknown);
            unknown.forEach(id -> lastAuth.put(id, read.get(id)));
        }
        return lastAuth;
    }

    private void flush(ReviewDefinition definition, List<Grant> batch, ReviewerChain chain, String resolver, Sink sink, long now) {
        List<Grant> pending = new ArrayList<>(holdersPassing(definition, batch, now));
        batch.clear();
        if (pending.isEmpty()) {
            return;
        }
        List<String> people = pending.stream().map(Grant::userId).distinct().toList();
        Map<String, PriorReview> prior = history.of(definition.id(), people);
        Cadence cadence = definition.cadence();
        if (!cadence.always()) {
            pending.removeIf(g -> {
                PriorReview p = prior.get(ReviewHistory.key(g.userId(), g.accessId()));
                return !cadence.due(g.sensitivity(), g.privileged(), p == null ? null : p.certifiedAt(), now);
            });
            if (pending.isEmpty()) {
                return;
            }
        }
        List<String> subjects = pending.stream().map(Grant::userId).distinct().toList();
        lastAuthOf(subjects);
        chain.prefetch(subjects);
        List<Row> rows = new ArrayList<>(pending.size());
        for (Grant g : pending) {
            rows.add(new Row(g, chain.resolve(resolver, g.userId(), g.type(), g.accessId()), lastAuth.get(g.userId()),
                    prior.getOrDefault(ReviewHistory.key(g.userId(), g.accessId()), PriorReview.NONE)));
        }
        sink.batch(rows);
    }
}
