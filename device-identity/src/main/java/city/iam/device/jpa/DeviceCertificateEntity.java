package city.iam.device.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/**
 * An LDevID the city CA issued: {@code current}; {@code previous} after a rotation, usable until the new one
 * is first used or {@code OVERLAP_UNTIL}; then {@code superseded}; or {@code revoked}.
 */
@Entity
@Table(name = "CITYIAM_DEV_CERT")
@NamedQueries({
        @NamedQuery(name = "cityiam.dev.cert.byThumbprint", query = "select c from DeviceCertificateEntity c where c.realmId = :realmId and c.thumbprint = :thumbprint"),
        @NamedQuery(name = "cityiam.dev.cert.withDevice", query = "select c, d from DeviceCertificateEntity c, DeviceEntity d "
                + "where c.realmId = :realmId and c.thumbprint = :thumbprint and d.id = c.devicePk"),
        @NamedQuery(name = "cityiam.dev.cert.byDevice", query = "select c from DeviceCertificateEntity c where c.devicePk = :devicePk order by c.notBefore desc"),
        @NamedQuery(name = "cityiam.dev.cert.revokedByCa", query = "select c from DeviceCertificateEntity c where c.caId = :caId and c.revokedAt is not null and c.notAfter > :now order by c.revokedAt")
})
public class DeviceCertificateEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "DEVICE_PK", length = 36, nullable = false) private String devicePk;
    @Column(name = "CA_ID", length = 36, nullable = false) private String caId;
    @Column(name = "SERIAL", length = 64, nullable = false) private String serial;
    @Column(name = "THUMBPRINT", length = 64, nullable = false) private String thumbprint;
    @Column(name = "KEY_PIN", length = 64, nullable = false) private String keyPin;
    @Column(name = "STATE", length = 16, nullable = false) private String state;
    @Column(name = "NOT_BEFORE", nullable = false) private long notBefore;
    @Column(name = "NOT_AFTER", nullable = false) private long notAfter;
    @Column(name = "OVERLAP_UNTIL") private Long overlapUntil;
    @Column(name = "REVOKED_AT") private Long revokedAt;
    @Column(name = "REVOCATION_REASON", length = 32) private String revocationReason;
    @Column(name = "CERT_PEM", length = 16384, nullable = false) private String certPem;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getDevicePk() { return devicePk; }
    public void setDevicePk(String v) { devicePk = v; }
    public String getCaId() { return caId; }
    public void setCaId(String v) { caId = v; }
    public String getSerial() { return serial; }
    public void setSerial(String v) { serial = v; }
    public String getThumbprint() { return thumbprint; }
    public void setThumbprint(String v) { thumbprint = v; }
    public String getKeyPin() { return keyPin; }
    public void setKeyPin(String v) { keyPin = v; }
    public String getState() { return state; }
    public void setState(String v) { state = v; }
    public long getNotBefore() { return notBefore; }
    public void setNotBefore(long v) { notBefore = v; }
    public long getNotAfter() { return notAfter; }
    public void setNotAfter(long v) { notAfter = v; }
    public Long getOverlapUntil() { return overlapUntil; }
    public void setOverlapUntil(Long v) { overlapUntil = v; }
    public Long getRevokedAt() { return revokedAt; }
    public void setRevokedAt(Long v) { revokedAt = v; }
    public String getRevocationReason() { return revocationReason; }
    public void setRevocationReason(String v) { revocationReason = v; }
    public String getCertPem() { return certPem; }
    public void setCertPem(String v) { certPem = v; }

    @Override public boolean equals(Object o) { return o instanceof DeviceCertificateEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
