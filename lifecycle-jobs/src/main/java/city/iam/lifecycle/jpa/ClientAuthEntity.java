package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A user's last successful authentication at one client. The id is derived from user and client so every
 * node computes the same key without a lookup and a duplicate insert fails instead of adding a second row.
 */
@Entity
@Table(name = "CITYIAM_LJ_CLIENT_AUTH")
public class ClientAuthEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "USER_ID", length = 36, nullable = false) private String userId;
    @Column(name = "CLIENT_ID", length = 255, nullable = false) private String clientId;
    @Column(name = "LAST_AUTH_AT", nullable = false) private long lastAuthAt;
    @Column(name = "EVENT_TYPE", length = 40, nullable = false) private String eventType;

    public static String key(String userId, String clientId) {
        return UUID.nameUUIDFromBytes((userId + "\n" + clientId).getBytes(StandardCharsets.UTF_8)).toString();
    }

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getClientId() { return clientId; }
    public void setClientId(String v) { clientId = v; }
    public long getLastAuthAt() { return lastAuthAt; }
    public void setLastAuthAt(long v) { lastAuthAt = v; }
    public String getEventType() { return eventType; }
    public void setEventType(String v) { eventType = v; }

    @Override public boolean equals(Object o) { return o instanceof ClientAuthEntity e && id != null && id.equals(e.id); }
    @Override public int hashCode() { return id == null ? 0 : id.hashCode(); }
}
