package city.iam.device.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** An enrollment group; its definition is the validated JSON of {@code EnrollmentGroup}. */
@Entity
@Table(name = "CITYIAM_DEV_GROUP")
@NamedQueries({
        @NamedQuery(name = "cityiam.dev.group.byRealm", query = "select g from EnrollmentGroupEntity g where g.realmId = :realmId order by g.name"),
        @NamedQuery(name = "cityiam.dev.group.byName", query = "select g from EnrollmentGroupEntity g where g.realmId = :realmId and g.name = :name")
})
public class EnrollmentGroupEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "NAME", length = 63, nullable = false) private String name;
    @Column(name = "CONFIG", length = 65535, nullable = false) private String config;
    @Column(name = "CREATED_AT", nullable = false) private long createdAt;
    @Column(name = "UPDATED_AT", nullable = false) private long updatedAt;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getName() { return name; }
    public void setName(String v) { name = v; }
    public String getConfig() { return config; }
    public void setConfig(String v) { config = v; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long v) { createdAt = v; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long v) { updatedAt = v; }

    @Override public boolean equals(Object o) { return o instanceof EnrollmentGroupEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
