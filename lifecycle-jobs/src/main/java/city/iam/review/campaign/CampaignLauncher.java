package city.iam.review.campaign;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.json.Json;
import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ReviewDefinitions;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * Launches a campaign: freezes the definition's population into items (hashed as they go) and writes the snapshot
 * hash as the campaign's first audit entry.
 *
 * <p>A launch of a whole definition commits as it goes: the campaign row first, as {@code LAUNCHING} (no reviewer
 * sees it, nobody can decide on it; a second scheduled launch of the period fails on its unique key here), then
 * each batch of items in a transaction of its own, which also records the count so far (the launch's progress),
 * then the hash, the audit entry and {@code OPEN} together. One transaction holding half a million new rows grew
 * slower with every row. A launch that fails removes what it wrote.
 *
 * <p>One cut off by a crash is not thrown away: at half a million items that is most of a minute of work, and an
 * administrator's run-now launch would be lost outright. The review job takes it over ({@link #resume}) and goes on
 * after the last committed item, at the campaign's frozen {@code createdAt}, so the campaign ends exactly as an
 * uninterrupted launch would have ended it ({@link ResumePoint} says why that holds). The items already written are
 * read back once to re-hash them: a digest's state cannot be stored, and a hash chained per batch would no longer
 * be the plain SHA-256 of the items that anyone holding the export can recompute. Every write of a launch is a
 * compare-and-set on {@code progressAt} ({@link LaunchWriter}), so a launcher that was only slow stops at its next
 * batch instead of writing beside the job. Only when the launch cannot be continued exactly (its definition was
 * deleted, the last committed grant is gone) is it removed, with the reason, and a scheduled period launched again.
 * A mover's micro-review is a handful of items and stays in the caller's transaction.
 */
public final class CampaignLauncher {

    private static final Logger LOG = Logger.getLogger(CampaignLauncher.class);

    /** How a whole-scope launch's trigger begins: by an administrator (run-now) or by the schedule. */
    public static final String ADMIN_TRIGGER = "admin:";
    public static final String SCHEDULE_TRIGGER = "schedule:";

    public static final String LAUNCHING = "LAUNCHING";

    /** What became of a launch the review job found cut off. */
    public enum Takeover { RESUMED, DISCARDED, BUSY }

    /**
     * {@code campaign} is the opened campaign when RESUMED; {@code itemsPresent} the items committed before the
     * cut-off; {@code itemsRemoved} and {@code reason} tell a discard.
     */
    public record Resumption(Takeover outcome, CampaignEntity campaign, long itemsPresent, int itemsRemoved, String reason) {
    }

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public CampaignLauncher(KeycloakSession session, RealmModel realm, EntityManager em) {
        this.session = session;
        this.realm = realm;
        this.em = em;
    }

    /**
     * Launches from the stored definition in committed batches (class comment); {@code periodKey} is set for
     * scheduled launches only. Answers the campaign as opened; a 409 when the review job took the launch over
     * meanwhile (it finishes it).
     */
    public CampaignEntity launch(DefinitionDocument stored, String periodKey, Actor actor, String trigger, long now) {
        ReviewDefinition definition = ReviewDefinitions.definition(stored);
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        CampaignEntity draft = campaign(stored, definition, periodKey, trigger, now, LAUNCHING);
        LaunchWriter writer = LaunchWriter.fresh(factory, draft.getId());
        draft.setProgressAt(writer.progress());
        KeycloakModelUtils.runJobInTransaction(factory, s -> LaunchWriter.em(s).persist(draft));
        Freezer freezer = new Freezer(draft, definition, now, System.currentTimeMillis());
        try {
            return freeze(definition, ResumePoint.start(), freezer, writer, actor);
        } catch (LaunchWriter.Lost lost) {
            throw CityIamException.conflict("launch_taken_over", "The launch of campaign " + draft.getId()
                    + " stalled and the review job took it over; it opens when the job has finished it.");
        } catch (RuntimeException e) {
            KeycloakModelUtils.runJobInTransaction(factory, s -> writer.discardIfOwned(s, realm.getId()));
            throw e;
        }
    }

    /**
     * Takes over a launch cut off by a crash and finishes it (class comment), as {@code actor}; answers BUSY,
     * touching nothing, when the launch turns out to be moving after all. A launch that cannot be finished exactly
     * is removed with an audit entry naming the reason.
     */
    public Resumption resume(CampaignEntity cutOff, Actor actor) {
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        String id = cutOff.getId();
        long present = cutOff.getItemCount();
        LaunchWriter writer = LaunchWriter.taking(factory, id, cutOff.getProgressAt());
        Resumption refused = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
            if (!writer.takeOver(s)) {
                return new Resumption(Takeover.BUSY, null, present, 0, null);
            }
            RealmModel r = s.realms().getRealm(realm.getId());
            if (ReviewDefinitions.document(r, cutOff.getDefinitionId()).isEmpty()) {
                return discard(s, r, writer, cutOff, actor, "its definition was deleted");
            }
            ObjectNode facts = AuditRecord.facts("definition_id", cutOff.getDefinitionId(), "triggered_by", cutOff.getTriggeredBy(),
                    "last_progress_at", java.time.Instant.ofEpochMilli(cutOff.getProgressAt()).toString());
            facts.put("items_present", present);
            AuditLogs.of(s, r).append(new AuditRecord(actor, "review.campaign.launch-resumed", id, facts));
            return null;
        });
        if (refused != null) {
            return refused;
        }
        try {
            ReviewDefinition definition = ReviewDefinitions.definition(
                    Json.read(cutOff.getDefinitionJson().getBytes(StandardCharsets.UTF_8), DefinitionDocument.class));
            Freezer freezer = new Freezer(cutOff, definition, cutOff.getCreatedAt(), System.currentTimeMillis());
            ResumePoint from = KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> readBack(LaunchWriter.em(s), cutOff, freezer));
            CampaignEntity opened = freeze(definition, from, freezer, writer, actor);
            return new Resumption(Takeover.RESUMED, opened, present, 0, null);
        } catch (LaunchWriter.Lost lost) {
            return new Resumption(Takeover.BUSY, null, present, 0, null);
        } catch (CannotResume e) {
            return discardOwned(factory, writer, cutOff, actor, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Resuming the launch of campaign %s failed", id);
            return discardOwned(factory, writer, cutOff, actor, "resuming failed: " + e.getClass().getSimpleName());
        }
    }

    /**
     * Walks from {@code from} in committed batches, then opens the campaign with its hash and the launch's audit
     * entry, all as {@code writer}.
     */
    private CampaignEntity freeze(ReviewDefinition definition, ResumePoint from, Freezer freezer, LaunchWriter writer, Actor actor) {
        new SnapshotWalk(session, realm, em).walk(definition, freezer.now(), from, rows -> {
            List<ItemEntity> items = freezer.items(rows);
            writer.batch(items, freezer.seq());
        });
        if (!from.reached()) {
            throw new CannotResume("the grant of its last committed item (" + from.last().accessType() + " " + from.last().accessId()
                    + " of user " + from.last().userId() + ") is no longer in its scope");
        }
        return KeycloakModelUtils.runJobInTransactionWithResult(session.getKeycloakSessionFactory(), s -> {
            CampaignEntity c = writer.lockOwned(s);
            c.setStatus(Campaigns.OPEN);
            c.setProgressAt(null);
            freezer.seal(c);
            AuditLogs.of(s, s.realms().getRealm(realm.getId())).append(launched(c, definition, freezer, actor));
            return c;
        });
    }

    /**
     * Hashes and counts the items committed before the cut-off, a page at a time, and answers where the walk goes
     * on: after the last one's grant, seen as often as it was stored.
     */
    private static ResumePoint readBack(EntityManager em, CampaignEntity cutOff, Freezer freezer) {
        Campaigns campaigns = new Campaigns(em, cutOff.getRealmId());
        ItemEntity[] last = new ItemEntity[1];
        try {
            campaigns.eachItem(cutOff.getId(), i -> {
                freezer.committed(i);
                last[0] = i;
            });
        } catch (IllegalStateException e) {
            throw new CannotResume(e.getMessage());
        }
        if (freezer.seq() != cutOff.getItemCount()) {
            throw new CannotResume("it recorded " + cutOff.getItemCount() + " items but " + freezer.seq() + " are stored");
        }
        if (last[0] == null) {
            return ResumePoint.start();
        }
        ItemEntity i = last[0];
        ResumePoint.Key key = new ResumePoint.Key(i.getAccessType(), i.getAccessId(), i.getUserId(), i.getGrantKind(), i.getGrantViaId());
        return ResumePoint.after(key, campaigns.countOf(cutOff.getId(), key));
    }

    private Resumption discardOwned(KeycloakSessionFactory factory, LaunchWriter writer, CampaignEntity cutOff, Actor actor, String reason) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> discard(s, s.realms().getRealm(realm.getId()), writer, cutOff, actor, reason));
    }

    /** Removes the launch with an audit entry saying why, if {@code writer} still owns it (else BUSY). */
    private static Resumption discard(KeycloakSession s, RealmModel r, LaunchWriter writer, CampaignEntity c, Actor actor, String reason) {
        int removed = writer.discardIfOwned(s, r.getId());
        if (removed < 0) {
            return new Resumption(Takeover.BUSY, null, c.getItemCount(), 0, null);
        }
        ObjectNode facts = AuditRecord.facts("definition_id", c.getDefinitionId(), "triggered_by", c.getTriggeredBy(), "reason", reason);
        facts.put("items_removed", removed);
        if (c.getPeriodKey() != null) {
            facts.put("period", c.getPeriodKey());
        }
        AuditLogs.of(s, r).append(new AuditRecord(actor, "review.campaign.launch-discarded", c.getId(), facts));
        return new Resumption(Takeover.DISCARDED, null, c.getItemCount(), removed, reason);
    }

    /** Why a cut-off launch cannot be finished exactly as it would have been. */
    private static final class CannotResume extends RuntimeException {
        CannotResume(String reason) {
            super(reason, null, false, false);
        }
    }

    /**
     * Launches over what {@code walk} finds (a mover's discretionary access, say) in the caller's transaction;
     * answers null, leaving nothing behind, when it finds nothing to review.
     */
    public CampaignEntity launchIfAny(DefinitionDocument stored, String periodKey, Actor actor, String trigger, long now, SnapshotWalk walk) {
        return launchIfAny(stored, periodKey, actor, trigger, now, walk, null);
    }

    /** As above; with a {@code denyReason} every item is recommended DENY for that reason first (an SoD conflict). */
    public CampaignEntity launchIfAny(DefinitionDocument stored, String periodKey, Actor actor, String trigger, long now, SnapshotWalk walk,
                                      String denyReason) {
        ReviewDefinition definition = ReviewDefinitions.definition(stored);
        CampaignEntity c = campaign(stored, definition, periodKey, trigger, now, Campaigns.OPEN);
        em.persist(c);
        em.flush();
        Freezer freezer = new Freezer(c, definition, now, System.currentTimeMillis());
        freezer.denyReason = denyReason;
        walk.walk(definition, now, ResumePoint.start(), rows -> ItemRows.insert(em, freezer.items(rows)));
        if (freezer.seq() == 0) {
            em.remove(c);
            return null;
        }
        freezer.seal(c);
        AuditLogs.of(session, realm).append(launched(c, definition, freezer, actor));
        return c;
    }

    private CampaignEntity campaign(DefinitionDocument stored, ReviewDefinition definition, String periodKey, String trigger, long now,
                                    String status) {
        CampaignEntity c = new CampaignEntity();
        c.setId(UUID.randomUUID().toString());
        c.setRealmId(realm.getId());
        c.setDefinitionId(definition.id());
        c.setDefinitionVersion(definition.version());
        c.setDefinitionJson(Json.write(stored));
        c.setPeriodKey(periodKey);
        c.setStatus(status);
        c.setStage(1);
        c.setStageCount(definition.stages().size());
        c.setStageDeadline(now + definition.stage(1).duration().toMillis());
        c.setCreatedAt(now);
        c.setTriggeredBy(trigger);
        return c;
    }

    private static AuditRecord launched(CampaignEntity c, ReviewDefinition definition, Freezer freezer, Actor actor) {
        ObjectNode facts = AuditRecord.facts("definition_id", definition.id(), "snapshot_hash", c.getSnapshotHash(),
                "triggered_by", c.getTriggeredBy(), "stage_deadline", java.time.Instant.ofEpochMilli(c.getStageDeadline()).toString());
        facts.put("definition_version", definition.version());
        facts.put("items", freezer.seq());
        facts.put("items_without_reviewer", freezer.unassigned());
        if (c.getPeriodKey() != null) {
            facts.put("period", c.getPeriodKey());
        }
        return new AuditRecord(actor, "review.campaign.launched", c.getId(), facts);
    }
}
