package city.iam.kernel.audit.jpa;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLog;
import city.iam.kernel.audit.AuditQuery;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.audit.ChainHasher;
import city.iam.kernel.audit.ChainVerifier;
import city.iam.kernel.audit.ChainedEntry;
import city.iam.kernel.id.TimeOrderedIds;
import city.iam.kernel.json.CanonicalJson;
import city.iam.kernel.page.Page;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** The audit log on Keycloak's database, in the request's transaction. */
public class JpaAuditLog implements AuditLog {

    static final int BATCH = 500;

    private final EntityManager em;
    private final String realmId;
    private final Clock clock;

    public JpaAuditLog(EntityManager em, String realmId, Clock clock) {
        this.em = em;
        this.realmId = realmId;
        this.clock = clock;
    }

    @Override
    public ChainedEntry append(AuditRecord record) {
        AuditHeadEntity head = lockHead();
        long time = clock.millis();
        String payload = CanonicalJson.of(record.payload());
        Actor actor = record.actor();
        String hash = ChainHasher.hash(head.getHash(), ChainHasher.canonical(time, actor, record.action(), record.subject(), payload));

        AuditEntryEntity entry = new AuditEntryEntity();
        entry.setId(TimeOrderedIds.next());
        entry.setRealmId(realmId);
        entry.setSeq(head.getSeq() + 1);
        entry.setCreatedAt(time);
        entry.setActorType(actor.type());
        entry.setActorId(actor.id());
        entry.setActorName(actor.name());
        entry.setActorAcr(actor.acr());
        entry.setAction(record.action());
        entry.setSubject(record.subject());
        entry.setPayload(payload);
        entry.setPrevHash(head.getHash());
        entry.setHash(hash);
        em.persist(entry);

        head.setSeq(entry.getSeq());
        head.setHash(hash);
        return toEntry(entry);
    }

    /**
     * Locks the realm's head row for the rest of the transaction (SELECT ... FOR UPDATE), so appends from
     * any node are serialised per realm and each one sees the hash its predecessor committed.
     */
    private AuditHeadEntity lockHead() {
        AuditHeadEntity head = em.find(AuditHeadEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
        if (head == null) {
            // Heads are created with the realm or at start-up (AuditHeads); this covers a realm created by
            // another node while this jar was being added.
            head = AuditHeads.create(em, realmId);
            em.flush();
            head = em.find(AuditHeadEntity.class, realmId, LockModeType.PESSIMISTIC_WRITE);
        }
        return head;
    }

    @Override
    public List<ChainedEntry> list(AuditQuery query, Page page) {
        CriteriaBuilder cb = em.getCriteriaBuilder();
        CriteriaQuery<AuditEntryEntity> cq = cb.createQuery(AuditEntryEntity.class);
        Root<AuditEntryEntity> e = cq.from(AuditEntryEntity.class);
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(e.get("realmId"), realmId));
        if (query.action() != null) {
            where.add(query.action().endsWith("*")
                    ? cb.like(e.get("action"), query.action().substring(0, query.action().length() - 1) + "%")
                    : cb.equal(e.get("action"), query.action()));
        }
        if (query.subject() != null) {
            where.add(cb.equal(e.get("subject"), query.subject()));
        }
        if (query.actorId() != null) {
            where.add(cb.equal(e.get("actorId"), query.actorId()));
        }
        if (query.from() != null) {
            where.add(cb.greaterThanOrEqualTo(e.get("createdAt"), query.from().toEpochMilli()));
        }
        if (query.to() != null) {
            where.add(cb.lessThan(e.get("createdAt"), query.to().toEpochMilli()));
        }
        cq.where(where.toArray(Predicate[]::new));
        cq.orderBy(query.newestFirst() ? cb.desc(e.get("seq")) : cb.asc(e.get("seq")));
        return em.createQuery(cq)
                .setFirstResult(page.first())
                .setMaxResults(page.max())
                .getResultStream()
                .map(JpaAuditLog::toEntry)
                .toList();
    }

    @Override
    public Stream<ChainedEntry> stream(long fromSeq) {
        Iterator<ChainedEntry> batches = new Iterator<>() {
            private long next = fromSeq;
            private Iterator<ChainedEntry> current = List.<ChainedEntry>of().iterator();
            private boolean exhausted;

            @Override
            public boolean hasNext() {
                if (!current.hasNext() && !exhausted) {
                    List<ChainedEntry> batch = batch(next);
                    exhausted = batch.size() < BATCH;
                    if (!batch.isEmpty()) {
                        next = batch.get(batch.size() - 1).seq() + 1;
                    }
                    current = batch.iterator();
                }
                return current.hasNext();
            }

            @Override
            public ChainedEntry next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(batches, 0), false);
    }

    private List<ChainedEntry> batch(long fromSeq) {
        TypedQuery<AuditEntryEntity> q = em.createNamedQuery("cityiam.audit.fromSeq", AuditEntryEntity.class)
                .setParameter("realmId", realmId)
                .setParameter("fromSeq", fromSeq)
                .setMaxResults(BATCH);
        List<AuditEntryEntity> rows = q.getResultList();
        List<ChainedEntry> out = rows.stream().map(JpaAuditLog::toEntry).toList();
        // Detach only our rows: clearing the whole context would detach Keycloak's entities of this request.
        rows.forEach(em::detach);
        return out;
    }

    @Override
    public ChainVerifier.Head head() {
        AuditHeadEntity head = em.find(AuditHeadEntity.class, realmId);
        return head == null ? null : new ChainVerifier.Head(head.getSeq(), head.getHash());
    }

    @Override
    public OptionalLong seqOfHash(String hash) {
        return em.createNamedQuery("cityiam.audit.seqOfHash", Long.class)
                .setParameter("realmId", realmId)
                .setParameter("hash", hash)
                .setMaxResults(1)
                .getResultStream()
                .mapToLong(Long::longValue)
                .findFirst();
    }

    private static ChainedEntry toEntry(AuditEntryEntity e) {
        return new ChainedEntry(e.getSeq(), e.getCreatedAt(),
                new Actor(e.getActorType(), e.getActorId(), e.getActorName(), e.getActorAcr()),
                e.getAction(), e.getSubject(), e.getPayload(), e.getPrevHash(), e.getHash());
    }
}
