package city.iam.dataset.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * One (party, dataset) pair of an agreement, so a decision finds the agreements that can apply with one
 * indexed query instead of reading every agreement of the realm.
 */
@Entity
@Table(name = "CITYIAM_DS_AGREEMENT_KEY")
@NamedQueries({
        @NamedQuery(name = "cityiam.ds.agreementKey.deleteFor", query = "delete from AgreementKeyEntity k where k.agreementPk = :agreementPk"),
        @NamedQuery(name = "cityiam.ds.agreementKey.deleteForAll", query = "delete from AgreementKeyEntity k where k.agreementPk in :agreementPks")
})
public class AgreementKeyEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "AGREEMENT_PK", length = 36, nullable = false) private String agreementPk;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "DATASET", length = 63, nullable = false) private String dataset;
    @Column(name = "PARTY", length = 63, nullable = false) private String party;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getAgreementPk() { return agreementPk; }
    public void setAgreementPk(String v) { agreementPk = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getDataset() { return dataset; }
    public void setDataset(String v) { dataset = v; }
    public String getParty() { return party; }
    public void setParty(String v) { party = v; }

    @Override public boolean equals(Object o) { return o instanceof AgreementKeyEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
