package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's last successful authentication, any client. One row per user; only ever moves forward. */
@Entity
@Table(name = "CITYIAM_LJ_USER_AUTH")
public class UserAuthEntity {
    @Id @Column(name = "USER_ID", length = 36) private String userId;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "LAST_AUTH_AT", nullable = false) private long lastAuthAt;
    @Column(name = "EVENT_TYPE", length = 40, nullable = false) private String eventType;
    @Column(name = "CLIENT_ID", length = 255) private String clientId;
    @Column(name = "IDENTITY_PROVIDER", length = 255) private String identityProvider;

    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public long getLastAuthAt() { return lastAuthAt; }
    public void setLastAuthAt(long v) { lastAuthAt = v; }
    public String getEventType() { return eventType; }
    public void setEventType(String v) { eventType = v; }
    public String getClientId() { return clientId; }
    public void setClientId(String v) { clientId = v; }
    public String getIdentityProvider() { return identityProvider; }
    public void setIdentityProvider(String v) { identityProvider = v; }

    @Override public boolean equals(Object o) { return o instanceof UserAuthEntity e && userId != null && userId.equals(e.userId); }
    @Override public int hashCode() { return userId == null ? 0 : userId.hashCode(); }
}
