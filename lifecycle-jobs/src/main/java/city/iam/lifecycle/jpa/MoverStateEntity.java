package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The manager the birthright job last saw on a user, kept only where mover reviews are defined: Keycloak keeps
 * no history of attributes, and a change of manager alone is a move (LJ-33) that opens a micro-review.
 */
@Entity
@Table(name = "CITYIAM_LJ_MOVER_STATE")
public class MoverStateEntity {
    @Id @Column(name = "USER_ID", length = 36) private String userId;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "MANAGER", length = 255, nullable = false) private String manager;
    @Column(name = "SEEN_AT", nullable = false) private long seenAt;

    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getManager() { return manager; }
    public void setManager(String v) { manager = v; }
    public long getSeenAt() { return seenAt; }
    public void setSeenAt(long v) { seenAt = v; }

    @Override public boolean equals(Object o) { return o instanceof MoverStateEntity e && userId != null && userId.equals(e.userId); }
    @Override public int hashCode() { return userId == null ? 0 : userId.hashCode(); }
}
