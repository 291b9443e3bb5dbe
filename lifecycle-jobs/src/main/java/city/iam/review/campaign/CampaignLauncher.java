package city.iam.review.campaign;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.json.Json;
import city.iam.review.decision.Recommendation;
import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ReviewDefinitions;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
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
 * slower with every row; and a launch that fails removes what it wrote, while one cut off by a crash is removed by
 * the review job ({@link Campaigns#cutOffLaunches}) so its period is launched again. A mover's micro-review is a
 * handful of items and stays in the caller's transaction.
 */
public final class CampaignLauncher {

    /** How a whole-scope launch's trigger begins: by an administrator (run-now) or by the schedule. */
    public static final String ADMIN_TRIGGER = "admin:";
    public static final String SCHEDULE_TRIGGER = "schedule:";

    public static final String LAUNCHING = "LAUNCHING";

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
     * scheduled launches only. Answers the campaign as opened.
     */
    public CampaignEntity launch(DefinitionDocument stored, String periodKey, Actor actor, String trigger, long now) {
        ReviewDefinition definition = ReviewDefinitions.definition(stored);
        KeycloakSessionFactory factory = session.getKeycloakSessionFactory();
        CampaignEntity draft = campaign(stored, definition, periodKey, trigger, now, LAUNCHING);
        draft.setProgressAt(System.currentTimeMillis());
        KeycloakModelUtils.runJobInTransaction(factory, s -> em(s).persist(draft));
        Freezer freezer = new Freezer(draft, definition, now);
        try {
            new SnapshotWalk(session, realm, em).walk(definition, rows -> {
                List<ItemEntity> items = freezer.items(rows);
                long count = freezer.seq;
                KeycloakModelUtils.runJobInTransaction(factory, s -> {
                    EntityManager w = em(s);
                    ItemRows.insert(w, items);
                    w.createQuery("update CampaignEntity c set c.itemCount = :n, c.progressAt = :t where c.id = :id")
                            .setParameter("n", count).setParameter("t", System.currentTimeMillis()).setParameter("id", draft.getId())
                            .executeUpdate();
                });
            });
            return KeycloakModelUtils.runJobInTransactionWithResult(factory, s -> {
                EntityManager w = em(s);
                CampaignEntity c = w.find(CampaignEntity.class, draft.getId());
                c.setStatus(Campaigns.OPEN);
                c.setProgressAt(null);
                freezer.seal(c);
                AuditLogs.of(s, s.realms().getRealm(realm.getId())).append(launched(c, definition, freezer, actor));
                return c;
            });
        } catch (RuntimeException e) {
            KeycloakModelUtils.runJobInTransaction(factory, s -> new Campaigns(em(s), realm.getId()).discard(draft.getId()));
            throw e;
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
        Freezer freezer = new Freezer(c, definition, now);
        freezer.denyReason = denyReason;
        walk.walk(definition, rows -> ItemRows.insert(em, freezer.items(rows)));
        if (freezer.seq == 0) {
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
        facts.put("items", freezer.seq);
        facts.put("items_without_reviewer", freezer.unassigned);
        if (c.getPeriodKey() != null) {
            facts.put("period", c.getPeriodKey());
        }
        return new AuditRecord(actor, "review.campaign.launched", c.getId(), facts);
    }

    private static EntityManager em(KeycloakSession s) {
        return s.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    /** Turns walked rows into numbered items, hashing each as it goes. */
    private static final class Freezer {
        private final CampaignEntity campaign;
        private final ReviewDefinition definition;
        private final long now;
        private final ItemIds ids;
        private final SnapshotHasher hasher = new SnapshotHasher();
        private long seq;
        private long unassigned;
        private String denyReason;

        Freezer(CampaignEntity campaign, ReviewDefinition definition, long now) {
            this.campaign = campaign;
            this.definition = definition;
            this.now = now;
            this.ids = new ItemIds(System.currentTimeMillis());
        }

        List<ItemEntity> items(List<SnapshotWalk.Row> rows) {
            List<ItemEntity> items = new ArrayList<>(rows.size());
            for (SnapshotWalk.Row row : rows) {
                seq++;
                hasher.add(seq, row.grant());
                items.add(item(row));
                if (!row.assignment().assigned()) {
                    unassigned++;
                }
            }
            return items;
        }

        void seal(CampaignEntity c) {
            c.setItemCount(seq);
            c.setSnapshotHash(hasher.hex());
        }

        private ItemEntity item(SnapshotWalk.Row row) {
            Grant g = row.grant();
            Recommendation rec = row.recommendation(definition, now);
            if (denyReason != null) {
                rec = rec.deniedFirstFor(denyReason);
            }
            ItemEntity i = new ItemEntity();
            i.setId(ids.id(seq));
            i.setRealmId(campaign.getRealmId());
            i.setCampaignId(campaign.getId());
            i.setSeq(seq);
            i.setUserId(g.userId());
            i.setUsername(g.username());
            i.setAccessType(g.type().code());
            i.setAccessId(g.accessId());
            i.setAccessName(g.accessName());
            i.setGrantKind(g.kind().name());
            i.setGrantViaId(g.viaId());
            i.setGrantPath(truncate(g.path(), 1000));
            i.setPrivileged(g.privileged());
            i.setRecommendation(rec.verdict());
            i.setRecommendationReasons(truncate(rec.joinedReasons(), 1000));
            i.setStage(1);
            i.setReviewerId(row.assignment().reviewerId());
            i.setReviewerSource(row.assignment().source());
            return i;
        }
    }

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
