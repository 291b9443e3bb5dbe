package city.iam.device.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A single-use enrolment challenge. The id is the SHA-256 of the nonce, so the table never holds one. */
@Entity
@Table(name = "CITYIAM_DEV_NONCE")
public class NonceEntity {
    @Id @Column(name = "ID", length = 64) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "GROUP_NAME", length = 63, nullable = false) private String groupName;
    @Column(name = "EXPIRES_AT", nullable = false) private long expiresAt;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getGroupName() { return groupName; }
    public void setGroupName(String v) { groupName = v; }
    public long getExpiresAt() { return expiresAt; }
    public void setExpiresAt(long v) { expiresAt = v; }

    @Override public boolean equals(Object o) { return o instanceof NonceEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
