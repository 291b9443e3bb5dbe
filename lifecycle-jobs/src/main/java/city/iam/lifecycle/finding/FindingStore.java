package city.iam.lifecycle.finding;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.page.Page;
import city.iam.lifecycle.jpa.FindingEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The realm's findings. A scan reports what it saw ({@link #observe}); a finding seen again is refreshed, a new
 * one opens with an audit entry, and at the end of a complete run every open finding the run did not see is
 * resolved ({@link #resolveUnseen}), so fixing the cause is what closes a finding.
 */
public final class FindingStore {

    public static final String OPEN = "OPEN";
    public static final String ACKNOWLEDGED = "ACKNOWLEDGED";
    public static final String RESOLVED = "RESOLVED";
    static final String ACTOR = "lifecycle-hygiene";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public FindingStore(KeycloakSession session, RealmModel realm, EntityManager em) {
        this.session = session;
        this.realm = realm;
        this.em = em;
    }

    /** Records one batch of observations with a single read of the findings they may refresh; answers how many opened. */
    public long observe(Collection<Observation> seen, String runId, long now) {
        if (seen.isEmpty()) {
            return 0;
        }
        Map<String, FindingEntity> current = new HashMap<>();
        em.createQuery("select f from FindingEntity f where f.realmId = :realm and f.status <> :resolved and f.subjectId in :ids", FindingEntity.class)
                .setParameter("realm", realm.getId()).setParameter("resolved", RESOLVED)
                .setParameter("ids", seen.stream().map(Observation::subjectId).distinct().toList())
                .getResultStream().forEach(f -> current.put(f.getKind() + "/" + f.getSubjectId(), f));
        long opened = 0;
        for (Observation o : seen) {
            FindingEntity f = current.get(o.kind().code() + "/" + o.subjectId());
            if (f == null) {
                f = open(o, now);
                current.put(o.kind().code() + "/" + o.subjectId(), f);
                opened++;
            }
            f.setLastSeen(now);
            f.setLastRun(runId);
            f.setDetail(o.detail());
            f.setSubjectName(o.subjectName());
        }
        return opened;
    }

    private FindingEntity open(Observation o, long now) {
        FindingEntity f = new FindingEntity();
        f.setId(UUID.randomUUID().toString());
        f.setRealmId(realm.getId());
        f.setKind(o.kind().code());
        f.setSubjectType(o.kind().subjectType());
        f.setSubjectId(o.subjectId());
        f.setIsoControl(o.kind().isoControl());
        f.setStatus(OPEN);
        f.setFirstSeen(now);
        f.setSubjectName(o.subjectName());
        f.setDetail(o.detail());
        f.setLastSeen(now);
        em.persist(f);
        audit("lifecycle.finding.opened", f);
        return f;
    }

    /** Resolves what a complete scan no longer sees (scanned kinds only); answers how many. */
    long resolveUnseen(String runId, long now) {
        return resolveUnseen(runId, now, Arrays.stream(FindingKind.values()).filter(FindingKind::scanned).map(FindingKind::code).toList());
    }

    /** Resolves the findings of one kind that the complete run {@code runId} of its own scan no longer saw. */
    public long resolveUnseen(String runId, long now, FindingKind kind) {
        return resolveUnseen(runId, now, List.of(kind.code()));
    }

    private long resolveUnseen(String runId, long now, List<String> kinds) {
        List<FindingEntity> stale = em.createQuery("select f from FindingEntity f where f.realmId = :realm and f.status <> :resolved"
                        + " and (f.lastRun is null or f.lastRun <> :run) and f.kind in :kinds", FindingEntity.class)
                .setParameter("realm", realm.getId()).setParameter("resolved", RESOLVED).setParameter("run", runId)
                .setParameter("kinds", kinds)
                .getResultList();
        for (FindingEntity f : stale) {
            f.setStatus(RESOLVED);
            f.setResolvedAt(now);
            audit("lifecycle.finding.resolved", f);
        }
        return stale.size();
    }

    /**
     * Resolves the open or acknowledged finding of this kind on this subject at once, when the cause is fixed by an
     * action we see (an owner's attestation) rather than found fixed by the next scan; answers how many.
     */
    public long resolve(FindingKind kind, String subjectId, long now) {
        List<FindingEntity> open = em.createQuery("select f from FindingEntity f where f.realmId = :realm and f.kind = :kind"
                        + " and f.subjectId = :subject and f.status <> :resolved", FindingEntity.class)
                .setParameter("realm", realm.getId()).setParameter("kind", kind.code()).setParameter("subject", subjectId)
                .setParameter("resolved", RESOLVED).getResultList();
        for (FindingEntity f : open) {
            f.setStatus(RESOLVED);
            f.setResolvedAt(now);
            audit("lifecycle.finding.resolved", f);
        }
        return open.size();
    }

    public Optional<FindingEntity> get(String id) {
        FindingEntity f = em.find(FindingEntity.class, id);
        return f == null || !f.getRealmId().equals(realm.getId()) ? Optional.empty() : Optional.of(f);
    }

    public List<FindingEntity> list(String kind, String status, String subjectId, Page page) {
        StringBuilder jpql = new StringBuilder("select f from FindingEntity f where f.realmId = :realm");
        if (kind != null) {
            jpql.append(" and f.kind = :kind");
        }
        if (status != null) {
            jpql.append(" and f.status = :status");
        }
        if (subjectId != null) {
            jpql.append(" and f.subjectId = :subject");
        }
        TypedQuery<FindingEntity> q = em.createQuery(jpql.append(" order by f.firstSeen desc, f.id").toString(), FindingEntity.class)
                .setParameter("realm", realm.getId());
        if (kind != null) {
            q.setParameter("kind", kind);
        }
        if (status != null) {
            q.setParameter("status", status);
        }
        if (subjectId != null) {
            q.setParameter("subject", subjectId);
        }
        return q.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    private void audit(String action, FindingEntity f) {
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.system(ACTOR), action, f.getSubjectId(),
                AuditRecord.facts("finding_id", f.getId(), "kind", f.getKind(), "iso_control", f.getIsoControl(),
                        "subject_type", f.getSubjectType(), "detail", f.getDetail() == null ? "" : f.getDetail())));
    }
}
