package city.iam.device.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** Pre-approves ({@code allow}) or blocks ({@code block}) one device serial within a group. */
@Entity
@Table(name = "CITYIAM_DEV_ENROLLMENT")
@NamedQueries({
        @NamedQuery(name = "cityiam.dev.enrollment.byGroup", query = "select e from IndividualEnrollmentEntity e where e.realmId = :realmId and e.groupName = :group order by e.serial"),
        @NamedQuery(name = "cityiam.dev.enrollment.bySerial", query = "select e from IndividualEnrollmentEntity e where e.realmId = :realmId and e.groupName = :group and e.serial = :serial")
})
public class IndividualEnrollmentEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "GROUP_NAME", length = 63, nullable = false) private String groupName;
    @Column(name = "SERIAL", length = 64, nullable = false) private String serial;
    @Column(name = "MODE", length = 16, nullable = false) private String mode;
    @Column(name = "NOTE", length = 255) private String note;
    @Column(name = "CREATED_AT", nullable = false) private long createdAt;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getGroupName() { return groupName; }
    public void setGroupName(String v) { groupName = v; }
    public String getSerial() { return serial; }
    public void setSerial(String v) { serial = v; }
    public String getMode() { return mode; }
    public void setMode(String v) { mode = v; }
    public String getNote() { return note; }
    public void setNote(String v) { note = v; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long v) { createdAt = v; }

    @Override public boolean equals(Object o) { return o instanceof IndividualEnrollmentEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
