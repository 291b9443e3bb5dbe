package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * Where a client stands in its owner's attestation cadence (LJ-36): since when its current owner answers for it
 * (Keycloak records no creation time for a client, so a never-attested client counts from here) and its last
 * attestation. One row per owned client; the attestations themselves are {@link AttestationEntity} rows.
 */
@Entity
@Table(name = "CITYIAM_LJ_CLIENT_OWNER")
public class ClientOwnershipEntity {
    @Id @Column(name = "CLIENT_UUID", length = 36) private String clientUuid;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "OWNER_REF", length = 255, nullable = false) private String ownerRef;
    @Column(name = "OWNER_SINCE", nullable = false) private long ownerSince;
    @Column(name = "LAST_ATTESTED_AT") private Long lastAttestedAt;
    @Column(name = "LAST_ATTESTATION_ID", length = 36) private String lastAttestationId;
    @Version @Column(name = "VERSION", nullable = false) private int version;

    public String getClientUuid() { return clientUuid; }
    public void setClientUuid(String v) { clientUuid = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getOwnerRef() { return ownerRef; }
    public void setOwnerRef(String v) { ownerRef = v; }
    public long getOwnerSince() { return ownerSince; }
    public void setOwnerSince(long v) { ownerSince = v; }
    public Long getLastAttestedAt() { return lastAttestedAt; }
    public void setLastAttestedAt(Long v) { lastAttestedAt = v; }
    public String getLastAttestationId() { return lastAttestationId; }
    public void setLastAttestationId(String v) { lastAttestationId = v; }
}
