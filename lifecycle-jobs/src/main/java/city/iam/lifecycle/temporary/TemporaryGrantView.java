package city.iam.lifecycle.temporary;

import city.iam.lifecycle.jpa.TemporaryGrantEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A temporary grant as the admin API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemporaryGrantView(@JsonProperty("id") String id,
                                 @JsonProperty("user_id") String userId,
                                 @JsonProperty("target_type") String targetType,
                                 @JsonProperty("target") String target,
                                 @JsonProperty("status") String status,
                                 @JsonProperty("granted_by") String grantedBy,
                                 @JsonProperty("reason") String reason,
                                 @JsonProperty("granted_at") String grantedAt,
                                 @JsonProperty("expires_at") String expiresAt,
                                 @JsonProperty("notice_at") String noticeAt,
                                 @JsonProperty("notice_status") String noticeStatus,
                                 @JsonProperty("ended_at") String endedAt,
                                 @JsonProperty("ended_by") String endedBy) {

    public static TemporaryGrantView of(TemporaryGrantEntity g) {
        return new TemporaryGrantView(g.getId(), g.getUserId(), g.getTargetType(), g.getTargetName(), g.getStatus(), g.getGrantedBy(),
                g.getReason(), iso(g.getGrantedAt()), iso(g.getExpiresAt()), iso(g.getNoticeAt()), g.getNoticeStatus(),
                iso(g.getEndedAt()), g.getEndedBy());
    }

    private static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
