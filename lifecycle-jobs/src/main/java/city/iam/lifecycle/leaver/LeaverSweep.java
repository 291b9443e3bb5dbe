package city.iam.lifecycle.leaver;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.job.Batch;
import city.iam.kernel.job.Job;
import city.iam.kernel.job.RunContext;
import city.iam.kernel.time.KeycloakClock;
import city.iam.lifecycle.account.AccountActions;
import city.iam.lifecycle.account.UserAttributes;
import city.iam.lifecycle.finding.FindingKind;
import city.iam.lifecycle.finding.FindingStore;
import city.iam.lifecycle.finding.Observation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Job {@value #NAME} (LJ-34): finds users whose end date has passed or whose HR status says they left, and
 * disables them, ends their sessions and offline tokens, revokes consents, removes groups and direct roles and
 * unlinks identity providers (each configurable), marking the account with {@value #LEFT_AT}, and tells the
 * manager and the owners of the removed access by mail once the batch commits ({@link LeaverNotices}); after the
 * retention period it anonymises them. Only users carrying one of the attributes are read, {@value #BATCH} per
 * transaction in id order. Every action is an audit-chain entry on the user, which is the leaver's timeline
 * ({@code GET .../city-iam/audit?subject=<user id>}). Every 15 minutes where
 * {@code city-iam.lifecycle.leaver.enabled=true}.
 */
public final class LeaverSweep implements Job {

    public static final String NAME = "leaver";
    public static final String LEFT_AT = "city-iam.leaver.left-at";
    static final String ACTOR = "lifecycle-leaver";
    static final int BATCH = 200;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(15);
    }

    @Override
    public boolean scheduledIn(KeycloakSession session, RealmModel realm) {
        return LeaverSettings.of(realm).enabled();
    }

    @Override
    public Batch step(KeycloakSession session, RealmModel realm, RunContext run, String cursor) {
        LeaverSettings settings = LeaverSettings.of(realm);
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        Map<String, LeaverFacts> batch = candidates(em, realm.getId(), settings, cursor == null ? "" : cursor);
        long now = KeycloakClock.INSTANCE.millis();
        AccountActions actions = new AccountActions(session, realm);
        FindingStore findings = new FindingStore(session, realm, em);
        long changed = 0;
        for (Map.Entry<String, LeaverFacts> e : batch.entrySet()) {
            LeaverFacts facts = e.getValue();
            LeaverFacts.Step step = facts.step(settings, now);
            if (step == LeaverFacts.Step.NONE) {
                continue;
            }
            UserModel user = session.users().getUserById(realm, e.getKey());
            if (user == null) {
                continue;
            }
            switch (step) {
                case LEAVE -> {
                    leave(session, realm, actions, settings, user, facts, run, now);
                    if (facts.slaBreached(settings, now)) {
                        findings.observe(List.of(new Observation(FindingKind.LEAVER_SLA_BREACHED, user.getId(), user.getUsername(),
                                "Disabled " + Duration.ofMillis(now - facts.endMillis()).toHours() + " hours after the end date "
                                        + facts.endDate() + "; the SLA is " + settings.sla().toHours() + " hours.")), run.runId(), now);
                    }
                }
                case ANONYMISE -> {
                    actions.anonymise(user);
                    audit(session, realm, "lifecycle.leaver.anonymised", user.getId(), AuditRecord.facts("run_id", run.runId(),
                            "left_at", Instant.ofEpochMilli(facts.leftAt()).toString()));
                }
                case UNREADABLE_END_DATE -> findings.observe(List.of(new Observation(FindingKind.LEAVER_END_DATE_UNREADABLE, user.getId(),
                        user.getUsername(), "The " + settings.endDateAttribute() + " value '" + facts.endDate()
                        + "' is neither a date (2026-12-31) nor an instant; the account is not treated as a leaver.")), run.runId(), now);
                default -> {
                    continue;
                }
            }
            changed++;
        }
        String next = batch.isEmpty() ? cursor : List.copyOf(batch.keySet()).get(batch.size() - 1);
        return batch.size() < BATCH ? Batch.last(next, batch.size(), changed) : Batch.more(next, batch.size(), changed);
    }

    private static void leave(KeycloakSession session, RealmModel realm, AccountActions actions, LeaverSettings settings,
                              UserModel user, LeaverFacts facts, RunContext run, long now) {
        boolean wasEnabled = actions.disable(user);
        int consents = actions.revokeConsents(user);
        List<LeaverRecipients.Access> removed = settings.removeAccess() ? LeaverNotices.access(session, realm, user) : List.of();
        int grants = settings.removeAccess() ? actions.removeAccess(user) : 0;
        int links = settings.unlinkIdentityProviders() ? actions.unlinkIdentityProviders(user) : 0;
        user.setSingleAttribute(LEFT_AT, Long.toString(now));
        ObjectNode record = AuditRecord.facts("run_id", run.runId(), "reason", facts.reason(settings, now), "username", user.getUsername());
        if (facts.endMillis() != null) {
            record.put("end_date", facts.endDate());
            record.put("sla_breached", facts.slaBreached(settings, now));
        }
        record.put("was_enabled", wasEnabled);
        record.put("consents_revoked", consents);
        record.put("grants_removed", grants);
        record.put("identity_links_removed", links);
        audit(session, realm, "lifecycle.leaver.left", user.getId(), record);
        LeaverNotices.afterCommit(session, realm, user, removed, now, run.runId());
    }

    private static void audit(KeycloakSession session, RealmModel realm, String action, String userId, ObjectNode facts) {
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.system(ACTOR), action, userId, facts));
    }

    /** Users after {@code afterId} carrying an end date, an HR status or the left-at mark, with those values. */
    private static Map<String, LeaverFacts> candidates(EntityManager em, String realmId, LeaverSettings settings, String afterId) {
        List<String> ids = em.createQuery("select distinct a.user.id from UserAttributeEntity a where a.user.realmId = :realm"
                        + " and a.name in :names and a.user.id > :after order by a.user.id", String.class)
                .setParameter("realm", realmId).setParameter("after", afterId)
                .setParameter("names", List.of(settings.endDateAttribute(), settings.hrAttribute(), LEFT_AT))
                .setMaxResults(BATCH).getResultList();
        Map<String, Map<String, List<String>>> values = UserAttributes.of(em, ids,
                List.of(settings.endDateAttribute(), settings.hrAttribute(), LEFT_AT));
        Map<String, LeaverFacts> out = new LinkedHashMap<>();
        for (String id : ids) {
            String leftAt = UserAttributes.first(values, id, LEFT_AT);
            out.put(id, new LeaverFacts(UserAttributes.first(values, id, settings.endDateAttribute()),
                    UserAttributes.first(values, id, settings.hrAttribute()),
                    leftAt == null || !leftAt.matches("\\d{1,15}") ? null : Long.valueOf(leftAt)));
        }
        return out;
    }
}
