package city.iam.kernel.audit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity
@Table(name = "CITYIAM_AUDIT_ENTRY")
@NamedQueries({
        @NamedQuery(name = "cityiam.audit.fromSeq",
                query = "select e from AuditEntryEntity e where e.realmId = :realmId and e.seq >= :fromSeq order by e.seq"),
        @NamedQuery(name = "cityiam.audit.seqOfHash",
                query = "select e.seq from AuditEntryEntity e where e.realmId = :realmId and e.hash = :hash")
})
public class AuditEntryEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    @Column(name = "SEQ", nullable = false)
    private long seq;

    @Column(name = "CREATED_AT", nullable = false)
    private long createdAt;

    @Column(name = "ACTOR_TYPE", length = 16, nullable = false)
    private String actorType;

    @Column(name = "ACTOR_ID", length = 255)
    private String actorId;

    @Column(name = "ACTOR_NAME", length = 255)
    private String actorName;

    @Column(name = "ACTOR_ACR", length = 255)
    private String actorAcr;

    @Column(name = "ACTION", length = 100, nullable = false)
    private String action;

    @Column(name = "SUBJECT", length = 255)
    private String subject;

    @Column(name = "PAYLOAD", length = 65535, nullable = false)
    private String payload;

    @Column(name = "PREV_HASH", length = 64, nullable = false)
    private String prevHash;

    @Column(name = "HASH", length = 64, nullable = false)
    private String hash;

    public String getId() { return id; }
    public void setId(String id) { this.id = id; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getSeq() { return seq; }
    public void setSeq(long seq) { this.seq = seq; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long createdAt) { this.createdAt = createdAt; }
    public String getActorType() { return actorType; }
    public void setActorType(String actorType) { this.actorType = actorType; }
    public String getActorId() { return actorId; }
    public void setActorId(String actorId) { this.actorId = actorId; }
    public String getActorName() { return actorName; }
    public void setActorName(String actorName) { this.actorName = actorName; }
    public String getActorAcr() { return actorAcr; }
    public void setActorAcr(String actorAcr) { this.actorAcr = actorAcr; }
    public String getAction() { return action; }
    public void setAction(String action) { this.action = action; }
    public String getSubject() { return subject; }
    public void setSubject(String subject) { this.subject = subject; }
    public String getPayload() { return payload; }
    public void setPayload(String payload) { this.payload = payload; }
    public String getPrevHash() { return prevHash; }
    public void setPrevHash(String prevHash) { this.prevHash = prevHash; }
    public String getHash() { return hash; }
    public void setHash(String hash) { this.hash = hash; }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditEntryEntity other && id != null && id.equals(other.id);
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }
}
