package city.iam.device.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * A realm's city device CA. The private key is PKCS#8 in this row — the same custody as Keycloak's own
 * generated realm keys, which live in the component table of the same database.
 */
@Entity
@Table(name = "CITYIAM_DEV_CA")
@NamedQueries({
        @NamedQuery(name = "cityiam.dev.ca.active", query = "select c from DeviceCaEntity c where c.realmId = :realmId and c.active = true"),
        @NamedQuery(name = "cityiam.dev.ca.byRealm", query = "select c from DeviceCaEntity c where c.realmId = :realmId order by c.createdAt")
})
public class DeviceCaEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "CERT_PEM", length = 16384, nullable = false) private String certPem;
    /** The key itself (base64 PKCS#8), or null when {@link #keyId} names a Keycloak realm key that holds it. */
    @Column(name = "KEY_PKCS8", length = 16384) private String keyPkcs8;
    @Column(name = "KEY_ID", length = 255) private String keyId;
    @Column(name = "ACTIVE", nullable = false) private boolean active;
    @Column(name = "CRL_NUMBER", nullable = false) private long crlNumber;
    @Column(name = "CREATED_AT", nullable = false) private long createdAt;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getCertPem() { return certPem; }
    public void setCertPem(String v) { certPem = v; }
    public String getKeyId() { return keyId; }
    public void setKeyId(String v) { keyId = v; }
    public String getKeyPkcs8() { return keyPkcs8; }
    public void setKeyPkcs8(String v) { keyPkcs8 = v; }
    public boolean isActive() { return active; }
    public void setActive(boolean v) { active = v; }
    public long getCrlNumber() { return crlNumber; }
    public void setCrlNumber(long v) { crlNumber = v; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long v) { createdAt = v; }

    @Override public boolean equals(Object o) { return o instanceof DeviceCaEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
