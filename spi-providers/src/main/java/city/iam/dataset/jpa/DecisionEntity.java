package city.iam.dataset.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One dataset decision as the decision audit keeps it. Written once, never updated. */
@Entity
@Table(name = "CITYIAM_DS_DECISION")
public class DecisionEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "DECIDED_AT", nullable = false) private long decidedAt;
    @Column(name = "CHANNEL", length = 16, nullable = false) private String channel;
    @Column(name = "SIMULATED", nullable = false) private boolean simulated;
    @Column(name = "SUBJECT_ID", length = 255) private String subjectId;
    @Column(name = "SUBJECT_NAME", length = 255) private String subjectName;
    @Column(name = "ORGANIZATIONS", length = 255) private String organizations;
    @Column(name = "CLIENT_ID", length = 255) private String clientId;
    @Column(name = "DEVICE_ID", length = 255) private String deviceId;
    @Column(name = "DATASET", length = 255, nullable = false) private String dataset;
    @Column(name = "SENSITIVITY", length = 32) private String sensitivity;
    @Column(name = "SCOPE", length = 32, nullable = false) private String scope;
    @Column(name = "PURPOSE", length = 255) private String purpose;
    @Column(name = "AGREEMENT_ID", length = 63) private String agreementId;
    @Column(name = "POLICY_VERSION", nullable = false) private int policyVersion;
    @Column(name = "RESULT", length = 8, nullable = false) private String result;
    @Column(name = "REASONS", length = 512) private String reasons;
    @Column(name = "LATENCY_MICROS", nullable = false) private long latencyMicros;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public long getDecidedAt() { return decidedAt; }
    public void setDecidedAt(long v) { decidedAt = v; }
    public String getChannel() { return channel; }
    public void setChannel(String v) { channel = v; }
    public boolean isSimulated() { return simulated; }
    public void setSimulated(boolean v) { simulated = v; }
    public String getSubjectId() { return subjectId; }
    public void setSubjectId(String v) { subjectId = v; }
    public String getSubjectName() { return subjectName; }
    public void setSubjectName(String v) { subjectName = v; }
    public String getOrganizations() { return organizations; }
    public void setOrganizations(String v) { organizations = v; }
    public String getClientId() { return clientId; }
    public void setClientId(String v) { clientId = v; }
    public String getDeviceId() { return deviceId; }
    public void setDeviceId(String v) { deviceId = v; }
    public String getDataset() { return dataset; }
    public void setDataset(String v) { dataset = v; }
    public String getSensitivity() { return sensitivity; }
    public void setSensitivity(String v) { sensitivity = v; }
    public String getScope() { return scope; }
    public void setScope(String v) { scope = v; }
    public String getPurpose() { return purpose; }
    public void setPurpose(String v) { purpose = v; }
    public String getAgreementId() { return agreementId; }
    public void setAgreementId(String v) { agreementId = v; }
    public int getPolicyVersion() { return policyVersion; }
    public void setPolicyVersion(int v) { policyVersion = v; }
    public String getResult() { return result; }
    public void setResult(String v) { result = v; }
    public String getReasons() { return reasons; }
    public void setReasons(String v) { reasons = v; }
    public long getLatencyMicros() { return latencyMicros; }
    public void setLatencyMicros(long v) { latencyMicros = v; }

    @Override public boolean equals(Object o) { return o instanceof DecisionEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
