package city.iam.lifecycle.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A grant the birthright rules made (LJ-32): only what this table records is ever removed by the mover logic,
 * so access given by hand is never touched. {@code REMOVE_AFTER} is set when the user stops qualifying and
 * cleared if they qualify again before it passes.
 */
@Entity
@Table(name = "CITYIAM_LJ_BIRTHRIGHT")
public class BirthrightEntity {
    @Id @Column(name = "ID", length = 36) private String id;
    @Column(name = "REALM_ID", length = 36, nullable = false) private String realmId;
    @Column(name = "USER_ID", length = 36, nullable = false) private String userId;
    @Column(name = "TARGET_TYPE", length = 16, nullable = false) private String targetType;
    @Column(name = "TARGET_ID", length = 36, nullable = false) private String targetId;
    @Column(name = "TARGET_NAME", length = 255, nullable = false) private String targetName;
    @Column(name = "RULE_ID", length = 64, nullable = false) private String ruleId;
    @Column(name = "GRANTED_AT", nullable = false) private long grantedAt;
    @Column(name = "REMOVE_AFTER") private Long removeAfter;

    public String getId() { return id; }
    public void setId(String v) { id = v; }
    public String getRealmId() { return realmId; }
    public void setRealmId(String v) { realmId = v; }
    public String getUserId() { return userId; }
    public void setUserId(String v) { userId = v; }
    public String getTargetType() { return targetType; }
    public void setTargetType(String v) { targetType = v; }
    public String getTargetId() { return targetId; }
    public void setTargetId(String v) { targetId = v; }
    public String getTargetName() { return targetName; }
    public void setTargetName(String v) { targetName = v; }
    public String getRuleId() { return ruleId; }
    public void setRuleId(String v) { ruleId = v; }
    public long getGrantedAt() { return grantedAt; }
    public void setGrantedAt(long v) { grantedAt = v; }
    public Long getRemoveAfter() { return removeAfter; }
    public void setRemoveAfter(Long v) { removeAfter = v; }
}
