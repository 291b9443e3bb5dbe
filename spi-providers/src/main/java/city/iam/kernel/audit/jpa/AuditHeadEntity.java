package city.iam.kernel.audit.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The end of a realm's chain. Appending locks this row, which orders concurrent writers on every node of a
 * cluster and lets verification see a truncated tail.
 */
@Entity
@Table(name = "CITYIAM_AUDIT_HEAD")
public class AuditHeadEntity {

    @Id
    @Column(name = "REALM_ID", length = 36)
    private String realmId;

    @Column(name = "SEQ", nullable = false)
    private long seq;

    @Column(name = "HASH", length = 64, nullable = false)
    private String hash;

    public String getRealmId() { return realmId; }
    public void setRealmId(String realmId) { this.realmId = realmId; }
    public long getSeq() { return seq; }
    public void setSeq(long seq) { this.seq = seq; }
    public String getHash() { return hash; }
    public void setHash(String hash) { this.hash = hash; }

    @Override
    public boolean equals(Object o) {
        return o instanceof AuditHeadEntity other && realmId != null && realmId.equals(other.realmId);
    }

    @Override
    public int hashCode() {
        return realmId == null ? 0 : realmId.hashCode();
    }
}
