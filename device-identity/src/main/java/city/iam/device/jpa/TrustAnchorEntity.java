package city.iam.device.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

@Entity
@Table(name = "CITYIAM_DEV_ANCHOR")
@NamedQueries({
        @NamedQuery(name = "cityiam.dev.anchor.byRealm", query = "select a from TrustAnchorEntity a where a.realmId = :realmId order by a.createdAt"),
        @NamedQuery(name = "cityiam.dev.anchor.byPin", query = "select a from TrustAnchorEntity a where a.realmId = :realmId and a.pin = :pin")
})
public class TrustAnchorEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "PIN", length = 64, nullable = false) private String pin;
    @Column(name = "PURPOSE", length = 16, nullable = false) private String purpose;
    @Column(name = "SUBJECT", length = 1024) private String subject;
    @Column(name = "NOT_AFTER", nullable = false) private long notAfter;
    @Column(name = "CERT_PEM", length = 16384, nullable = false) private String certPem;
    @Column(name = "CREATED_AT", nullable = false) private long createdAt;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getPin() { return pin; }
    public void setPin(String v) { pin = v; }
    public String getPurpose() { return purpose; }
    public void setPurpose(String v) { purpose = v; }
    public String getSubject() { return subject; }
    public void setSubject(String v) { subject = v; }
    public long getNotAfter() { return notAfter; }
    public void setNotAfter(long v) { notAfter = v; }
    public String getCertPem() { return certPem; }
    public void setCertPem(String v) { certPem = v; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long v) { createdAt = v; }

    @Override public boolean equals(Object o) { return o instanceof TrustAnchorEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
