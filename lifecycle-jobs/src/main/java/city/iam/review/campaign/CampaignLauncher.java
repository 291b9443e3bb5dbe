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
import org.hibernate.Session;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Launches a campaign: freezes the definition's population into items (batched inserts, hashed as they go)
 * and writes the snapshot hash as the campaign's first audit entry, all in the caller's transaction, so a
 * launch that fails leaves nothing behind.
 */
public final class CampaignLauncher {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public CampaignLauncher(KeycloakSession session, RealmModel realm, EntityManager em) {
        this.session = session;
        this.realm = realm;
        this.em = em;
    }

    /** Launches from the stored definition; {@code periodKey} is set for scheduled launches only. */
    public CampaignEntity launch(DefinitionDocument stored, String periodKey, Actor actor, String trigger, long now) {
        return launch(stored, periodKey, actor, trigger, now, new SnapshotWalk(session, realm, em), false);
    }

    /**
     * Launches over what {@code walk} finds (a mover's discretionary access, say); answers null, leaving nothing
     * behind, when it finds nothing to review.
     */
    public CampaignEntity launchIfAny(DefinitionDocument stored, String periodKey, Actor actor, String trigger, long now, SnapshotWalk walk) {
        return launch(stored, periodKey, actor, trigger, now, walk, true);
    }

    private CampaignEntity launch(DefinitionDocument stored, String periodKey, Actor actor, String trigger, long now, SnapshotWalk walk,
                                  boolean dropIfEmpty) {
        ReviewDefinition definition = ReviewDefinitions.definition(stored);
        CampaignEntity c = new CampaignEntity();
        c.setId(UUID.randomUUID().toString());
        c.setRealmId(realm.getId());
        c.setDefinitionId(definition.id());
        c.setDefinitionVersion(definition.version());
        c.setDefinitionJson(Json.write(stored));
        c.setPeriodKey(periodKey);
        c.setStatus(Campaigns.OPEN);
        c.setStage(1);
        c.setStageCount(definition.stages().size());
        c.setStageDeadline(now + definition.stage(1).duration().toMillis());
        c.setCreatedAt(now);
        c.setTriggeredBy(trigger);
        em.persist(c);
        // Flushed first: a second scheduled launch for the same period fails here, on the unique period key.
        em.flush();

        // Items go in as JDBC batches: half a million single INSERTs would be most of a large launch.
        em.unwrap(Session.class).setJdbcBatchSize(SnapshotWalk.BATCH);
        SnapshotHasher hasher = new SnapshotHasher();
        long[] seq = {0};
        long[] unassigned = {0};
        walk.walk(definition, rows -> {
            List<ItemEntity> batch = new ArrayList<>(rows.size());
            for (SnapshotWalk.Row row : rows) {
                seq[0]++;
                hasher.add(seq[0], row.grant());
                ItemEntity item = item(c, seq[0], row, definition, now);
                em.persist(item);
                batch.add(item);
                if (!row.assignment().assigned()) {
                    unassigned[0]++;
                }
            }
            em.flush();
            // Written: let them go, so the heap holds one batch however large the population is.
            batch.forEach(em::detach);
        });
        if (seq[0] == 0 && dropIfEmpty) {
            em.remove(c);
            return null;
        }
        c.setItemCount(seq[0]);
        c.setSnapshotHash(hasher.hex());

        ObjectNode facts = AuditRecord.facts("definition_id", definition.id(), "snapshot_hash", c.getSnapshotHash(),
                "triggered_by", trigger, "stage_deadline", java.time.Instant.ofEpochMilli(c.getStageDeadline()).toString());
        facts.put("definition_version", definition.version());
        facts.put("items", seq[0]);
        facts.put("items_without_reviewer", unassigned[0]);
        if (periodKey != null) {
            facts.put("period", periodKey);
        }
        AuditLogs.of(session, realm).append(new AuditRecord(actor, "review.campaign.launched", c.getId(), facts));
        return c;
    }

    private static ItemEntity item(CampaignEntity c, long seq, SnapshotWalk.Row row, ReviewDefinition definition, long now) {
        Grant g = row.grant();
        Recommendation rec = row.recommendation(definition, now);
        ItemEntity i = new ItemEntity();
        i.setId(UUID.randomUUID().toString());
        i.setRealmId(c.getRealmId());
        i.setCampaignId(c.getId());
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

    static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
