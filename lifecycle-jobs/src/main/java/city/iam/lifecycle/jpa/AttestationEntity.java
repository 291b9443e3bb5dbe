package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One owner attestation of a client (LJ-36): who said whether it is still needed, when, and what followed. Never updated. */
@Entity
@Table(name = "CITYIAM_LJ_ATTESTATION")
public class AttestationEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "CLIENT_UUID", length = 36, nullable = false) private String clientUuid;
    @Column(name = "CLIENT_ID", length = 255, nullable = false) private String clientId;
    @Column(name = "OWNER_ID", length = 36, nullable = false) private String ownerId;
    @Column(name = "OWNER_NAME", length = 255, nullable = false) private String ownerName;
    @Column(name = "STILL_NEEDED", nullable = false) private boolean stillNeeded;
    @Column(name = "COMMENT_TEXT", length = 1000) private String comment;
    @Column(name = "OUTCOME", length = 32, nullable = false) private String outcome;
    @Column(name = "ATTESTED_AT", nullable = false) private long attestedAt;
    @Column(name = "NEXT_DUE_AT") private Long nextDueAt;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getClientUuid() { return clientUuid; }
    public void setClientUuid(String v) { clientUuid = v; }
    public String getClientId() { return clientId; }
    public void setClientId(String v) { clientId = v; }
    public String getOwnerId() { return ownerId; }
    public void setOwnerId(String v) { ownerId = v; }
    public String getOwnerName() { return ownerName; }
    public void setOwnerName(String v) { ownerName = v; }
    public boolean isStillNeeded() { return stillNeeded; }
    public void setStillNeeded(boolean v) { stillNeeded = v; }
    public String getComment() { return comment; }
    public void setComment(String v) { comment = v; }
    public String getOutcome() { return outcome; }
    public void setOutcome(String v) { outcome = v; }
    public long getAttestedAt() { return attestedAt; }
    public void setAttestedAt(long v) { attestedAt = v; }
    public Long getNextDueAt() { return nextDueAt; }
    public void setNextDueAt(Long v) { nextDueAt = v; }
}
