package city.iam.device.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQueries;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** One device of the registry: its IDevID identity, status and posture. Devices are not Keycloak clients. */
@Entity
@Table(name = "CITYIAM_DEVICE")
@NamedQueries({
        @NamedQuery(name = "cityiam.dev.device.byDeviceId", query = "select d from DeviceEntity d where d.realmId = :realmId and d.deviceId = :deviceId"),
        @NamedQuery(name = "cityiam.dev.device.bySerial", query = "select d from DeviceEntity d where d.realmId = :realmId and d.groupName = :group and d.idevidSerial = :serial"),
        @NamedQuery(name = "cityiam.dev.device.countInGroup", query = "select count(d) from DeviceEntity d where d.realmId = :realmId and d.groupName = :group and d.status <> 'decommissioned'")
})
public class DeviceEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "DEVICE_ID", length = 128, nullable = false) private String deviceId;
    @Column(name = "GROUP_NAME", length = 63, nullable = false) private String groupName;
    @Column(name = "STATUS", length = 16, nullable = false) private String status;
    @Column(name = "STATUS_REASON", length = 255) private String statusReason;
    @Column(name = "IDEVID_SERIAL", length = 64, nullable = false) private String idevidSerial;
    @Column(name = "IDEVID_ANCHOR_PIN", length = 64) private String idevidAnchorPin;
    @Column(name = "IDEVID_THUMBPRINT", length = 64) private String idevidThumbprint;
    @Column(name = "KEY_PIN", length = 64) private String keyPin;
    @Column(name = "ATTESTATION", length = 32) private String attestation;
    @Column(name = "FIRMWARE", length = 64) private String firmware;
    @Column(name = "ATTRIBUTES", length = 16384) private String attributes;
    @Column(name = "ROTATING", nullable = false) private boolean rotating;
    @Column(name = "CREATED_AT", nullable = false) private long createdAt;
    @Column(name = "UPDATED_AT", nullable = false) private long updatedAt;
    @Version @Column(name = "VERSION", nullable = false) private int version;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getDeviceId() { return deviceId; }
    public void setDeviceId(String v) { deviceId = v; }
    public String getGroupName() { return groupName; }
    public void setGroupName(String v) { groupName = v; }
    public String getStatus() { return status; }
    public void setStatus(String v) { status = v; }
    public String getStatusReason() { return statusReason; }
    public void setStatusReason(String v) { statusReason = v; }
    public String getIdevidSerial() { return idevidSerial; }
    public void setIdevidSerial(String v) { idevidSerial = v; }
    public String getIdevidAnchorPin() { return idevidAnchorPin; }
    public void setIdevidAnchorPin(String v) { idevidAnchorPin = v; }
    public String getIdevidThumbprint() { return idevidThumbprint; }
    public void setIdevidThumbprint(String v) { idevidThumbprint = v; }
    public String getKeyPin() { return keyPin; }
    public void setKeyPin(String v) { keyPin = v; }
    public String getAttestation() { return attestation; }
    public void setAttestation(String v) { attestation = v; }
    public String getFirmware() { return firmware; }
    public void setFirmware(String v) { firmware = v; }
    public String getAttributes() { return attributes; }
    public void setAttributes(String v) { attributes = v; }
    /** True between a rotation and the first use of the new certificate (spares the token path a query). */
    public boolean isRotating() { return rotating; }
    public void setRotating(boolean v) { rotating = v; }
    public long getCreatedAt() { return createdAt; }
    public void setCreatedAt(long v) { createdAt = v; }
    public long getUpdatedAt() { return updatedAt; }
    public void setUpdatedAt(long v) { updatedAt = v; }
    public int getVersion() { return version; }

    @Override public boolean equals(Object o) { return o instanceof DeviceEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
