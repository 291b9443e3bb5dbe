package city.iam.dataset.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** A data-sharing agreement; its definition is the validated JSON of {@code AgreementDefinition}. */
@Entity
@Table(name = "CITYIAM_DS_AGREEMENT")
@NamedQueries({
        @NamedQuery(name = "cityiam.ds.agreement.byRealm", query = "select a from AgreementEntity a where a.realmId = :realmId order by a.agreementId"),
        @NamedQuery(name = "cityiam.ds.agreement.byId", query = "select a from AgreementEntity a where a.realmId = :realmId and a.agreementId = :agreementId"),
        @NamedQuery(name = "cityiam.ds.agreement.count", query = "select count(a) from AgreementEntity a where a.realmId = :realmId")
})
public class AgreementEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "AGREEMENT_ID", length = 63, nullable = false) private String agreementId;
    @Column(name = "STATUS", length = 16, nullable = false) private String status;
    @Column(name = "NOT_BEFORE", nullable = false) private long notBefore;
    @Column(name = "NOT_ON_OR_AFTER", nullable = false) private long notOnOrAfter;
    @Column(name = "CONFIG", length = 65535, nullable = false) private String config;
    @Column(name = "CREATED_AT", nullable = false) private long createdAt;
    @Column(name = "UPDATED_AT", nullable = false) private long updatedAt;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getAgreementId() { return agreementId; }
    public void setAgreementId(String v) { agreementId = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public long getNotBefore() { return notBefore; }
    public void setNotBefore(long v) { notBefore = v; }
    public long getNotOnOrAfter() { return notOnOrAfter; }
    public void setNotOnOrAfter(long v) { notOnOrAfter = v; }
    public String getConfig() { return config; }
    public void setConfig(String v) { config = v; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long v) { createdAt = v; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long v) { updatedAt = v; }

    @Override public boolean equals(Object o) { return o instanceof AgreementEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
