package city.iam.lifecycle.birthright;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.job.Batch;
import city.iam.kernel.job.Job;
import city.iam.kernel.job.RunContext;
import city.iam.kernel.people.UserRef;
import city.iam.kernel.time.KeycloakClock;
import city.iam.lifecycle.account.DateAttribute;
import city.iam.lifecycle.account.GrantTarget;
import city.iam.lifecycle.account.UserAttributes;
import city.iam.lifecycle.jpa.BirthrightEntity;
import city.iam.review.mover.MoverReviews;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Job {@value #NAME} (LJ-32, LJ-33): applies the realm's birthright policy to every user, {@value #BATCH} per
 * transaction in username order; rules match on attributes or on organisation membership
 * ({@link OrganizationMemberships}), and leaving an organisation is a move like any other. Joiners get their groups, roles and required actions, and stay disabled until
 * their start date ({@value #WAITING} marks an account this job disabled, so only those are enabled again).
 * Movers get their new access at once and lose what they no longer qualify for after the policy's grace; each
 * move is a {@code lifecycle.mover.moved} audit entry naming the rules before and after and the micro-review
 * campaigns it opened ({@link MoverReviews}); where mover reviews are defined, a new manager alone is a move too
 * ({@link ManagerWatch}, {@code lifecycle.mover.manager-changed}). Hourly where a policy is set.
 */
public final class BirthrightSweep implements Job {

    public static final String NAME = "birthright";
    public static final String WAITING = "city-iam.joiner.waiting-for-start";
    static final String ACTOR = "lifecycle-birthright";
    static final int BATCH = 200;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofHours(1);
    }

    @Override
    public boolean scheduledIn(KeycloakSession session, RealmModel realm) {
        return BirthrightPolicies.document(realm).isPresent();
    }

    @Override
    public Batch step(KeycloakSession session, RealmModel realm, RunContext run, String cursor) {
        BirthrightPolicy policy = BirthrightPolicies.policy(realm).orElse(null);
        if (policy == null) {
            return Batch.last(cursor, 0, 0);
        }
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        List<String[]> users = em.createQuery("select u.id, u.username from UserEntity u where u.realmId = :realm and u.username > :after"
                        + " and u.serviceAccountClientLink is null order by u.realmId, u.username", Object[].class)
                .setParameter("realm", realm.getId()).setParameter("after", cursor == null ? "" : cursor).setMaxResults(BATCH)
                .getResultStream().map(r -> new String[]{(String) r[0], (String) r[1]}).toList();
        if (users.isEmpty()) {
            return Batch.last(cursor, 0, 0);
        }
        List<String> ids = users.stream().map(u -> u[0]).toList();
        boolean watchManagers = MoverReviews.defined(realm);
        Set<String> names = new HashSet<>(policy.attributeNames());
        if (watchManagers) {
            names.add(UserRef.MANAGER);
        }
        Map<String, Map<String, List<String>>> attributes = UserAttributes.of(em, ids, names);
        Map<String, Set<String>> memberships = OrganizationMemberships.of(em, realm.getId(), ids, policy.organizations());
        long now = KeycloakClock.INSTANCE.millis();
        Map<String, String> newManager = watchManagers ? ManagerWatch.changes(em, realm.getId(), ids, attributes, now) : Map.of();
        Map<String, Map<String, BirthrightEntity>> recorded = new HashMap<>();
        em.createQuery("select b from BirthrightEntity b where b.userId in :ids", BirthrightEntity.class).setParameter("ids", ids)
                .getResultStream().forEach(b -> recorded.computeIfAbsent(b.getUserId(), k -> new HashMap<>()).put(b.getTargetId(), b));
        long changed = 0;
        Map<String, List<GrantTarget>> grants = BirthrightPolicies.grantsByRule(session, realm, policy);
        for (String[] u : users) {
            Map<String, List<String>> attrs = attributes.getOrDefault(u[0], Map.of());
            Map<String, BirthrightEntity> held = recorded.getOrDefault(u[0], Map.of());
            List<BirthrightDocument.Rule> matching = policy.matching(attrs, memberships.getOrDefault(u[0], Set.of()));
            boolean managerMoved = newManager.containsKey(u[0]);
            if (matching.isEmpty() && held.isEmpty() && !attrs.containsKey(policy.startDateAttribute()) && !managerMoved) {
                continue;
            }
            UserModel user = session.users().getUserById(realm, u[0]);
            if (user == null) {
                continue;
            }
            Applied applied = apply(session, realm, em, policy, grants, user, attrs, matching, held, run, now);
            if (managerMoved && !applied.moved()) {
                managerChanged(session, realm, em, user, newManager.get(u[0]), run, now);
            }
            if (applied.changed() || managerMoved) {
                changed++;
            }
        }
        String next = users.get(users.size() - 1)[1];
        return users.size() < BATCH ? Batch.last(next, users.size(), changed) : Batch.more(next, users.size(), changed);
    }

    /** What applying the rules did: changed anything, and whether that was a move (which opened its reviews). */
    private record Applied(boolean changed, boolean moved) {
    }

    /** A new manager and nothing else: the move's micro-review, without the rules' access (justified by them). */
    private static void managerChanged(KeycloakSession session, RealmModel realm, EntityManager em, UserModel user, String previous,
                                       RunContext run, long now) {
        em.flush();
        Set<String> justified = new HashSet<>(em.createQuery("select b.targetId from BirthrightEntity b where b.userId = :id", String.class)
                .setParameter("id", user.getId()).getResultList());
        List<String> reviews = MoverReviews.open(session, realm, em, user, justified, Actor.system(ACTOR), now);
        ObjectNode facts = AuditRecord.facts("run_id", run.runId(), "username", user.getUsername(), "previous_manager", previous,
                "manager", user.getFirstAttribute(UserRef.MANAGER));
        if (!reviews.isEmpty()) {
            facts.put("micro_reviews", String.join(",", reviews));
        }
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.system(ACTOR), "lifecycle.mover.manager-changed", user.getId(), facts));
    }

    private static Applied apply(KeycloakSession session, RealmModel realm, EntityManager em, BirthrightPolicy policy,
                                 Map<String, List<GrantTarget>> grants, UserModel user,
                                 Map<String, List<String>> attrs, List<BirthrightDocument.Rule> matching, Map<String, BirthrightEntity> held,
                                 RunContext run, long now) {
        boolean changed = startDate(session, realm, user, attrs.get(policy.startDateAttribute()), run, now);
        Map<String, BirthrightPolicies.Entitled> entitled = BirthrightPolicies.entitlements(grants, matching);
        Set<String> otherwise = new HashSet<>();
        entitled.forEach((id, e) -> {
            if (!held.containsKey(id) && e.target().heldDirectly(user)) {
                otherwise.add(id);
            }
        });
        Map<String, Reconciliation.Held> recorded = held.values().stream()
                .collect(Collectors.toMap(BirthrightEntity::getTargetId, b -> new Reconciliation.Held(b.getTargetId(), b.getRemoveAfter())));
        Reconciliation plan = Reconciliation.of(entitled.keySet(), otherwise, recorded, now);
        if (!plan.changes()) {
            return new Applied(changed, false);
        }
        boolean joiner = held.isEmpty();
        for (String id : plan.grant()) {
            BirthrightPolicies.Entitled e = entitled.get(id);
            e.target().grant(user);
            BirthrightEntity b = new BirthrightEntity();
            b.setId(UUID.randomUUID().toString());
            b.setRealmId(realm.getId());
            b.setUserId(user.getId());
            b.setTargetType(e.target().type());
            b.setTargetId(id);
            b.setTargetName(e.target().name());
            b.setRuleId(e.ruleId());
            b.setGrantedAt(now);
            em.persist(b);
        }
        if (joiner && !plan.grant().isEmpty()) {
            BirthrightPolicies.addRequiredActions(user, matching);
        }
        plan.scheduleRemoval().forEach(id -> held.get(id).setRemoveAfter(now + policy.moverGrace().toMillis()));
        plan.cancelRemoval().forEach(id -> held.get(id).setRemoveAfter(null));
        for (String id : plan.remove()) {
            BirthrightEntity b = held.get(id);
            GrantTarget target = GrantTarget.stored(session, realm, b.getTargetType(), b.getTargetId(), b.getTargetName());
            if (target != null) {
                target.revoke(user);
            }
            em.remove(b);
        }
        String action = joiner ? "lifecycle.joiner.granted" : plan.isMove(true) ? "lifecycle.mover.moved" : "lifecycle.birthright.updated";
        List<String> microReviews = List.of();
        if (!joiner && plan.isMove(true)) {
            Set<String> justified = new HashSet<>(held.keySet());
            justified.addAll(plan.grant());
            microReviews = MoverReviews.open(session, realm, em, user, justified, Actor.system(ACTOR), now);
        }
        ObjectNode facts = AuditRecord.facts("run_id", run.runId(), "username", user.getUsername(),
                "rules", matching.stream().map(BirthrightDocument.Rule::id).collect(Collectors.joining(",")),
                "previous_rules", held.values().stream().map(BirthrightEntity::getRuleId).distinct().sorted().collect(Collectors.joining(",")));
        facts.put("granted", names(plan.grant(), entitled, held));
        facts.put("removal_scheduled", names(plan.scheduleRemoval(), entitled, held));
        facts.put("removal_cancelled", names(plan.cancelRemoval(), entitled, held));
        facts.put("removed", names(plan.remove(), entitled, held));
        if (!microReviews.isEmpty()) {
            facts.put("micro_reviews", String.join(",", microReviews));
        }
        if (!plan.scheduleRemoval().isEmpty()) {
            facts.put("remove_after", Instant.ofEpochMilli(now + policy.moverGrace().toMillis()).toString());
        }
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.system(ACTOR), action, user.getId(), facts));
        return new Applied(true, !joiner && plan.isMove(true));
    }

    private static String names(List<String> ids, Map<String, BirthrightPolicies.Entitled> entitled, Map<String, BirthrightEntity> held) {
        return ids.stream().map(id -> entitled.containsKey(id) ? entitled.get(id).target().name() : held.get(id).getTargetName())
                .sorted().collect(Collectors.joining(","));
    }

    /** Keeps a joiner disabled until the start date; enables only accounts this job disabled. */
    private static boolean startDate(KeycloakSession session, RealmModel realm, UserModel user, List<String> start, RunContext run, long now) {
        Long startsAt = start == null || start.isEmpty() ? null : DateAttribute.start(start.get(0));
        boolean waiting = user.getFirstAttribute(WAITING) != null;
        if (startsAt != null && now < startsAt && !waiting && user.isEnabled()) {
            user.setEnabled(false);
            user.setSingleAttribute(WAITING, start.get(0));
            audit(session, realm, "lifecycle.joiner.waiting", user, run, start.get(0));
            return true;
        }
        if (waiting && (startsAt == null || now >= startsAt)) {
            user.removeAttribute(WAITING);
            user.setEnabled(true);
            audit(session, realm, "lifecycle.joiner.started", user, run, start == null || start.isEmpty() ? "" : start.get(0));
            return true;
        }
        return false;
    }

    private static void audit(KeycloakSession session, RealmModel realm, String action, UserModel user, RunContext run, String start) {
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.system(ACTOR), action, user.getId(),
                AuditRecord.facts("run_id", run.runId(), "username", user.getUsername(), "start_date", start)));
    }
}
