package city.iam.lifecycle.finding;

import city.iam.lifecycle.jpa.FindingEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A finding as the admin API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FindingView(@JsonProperty("id") String id,
                          @JsonProperty("kind") String kind,
                          @JsonProperty("iso_control") String isoControl,
                          @JsonProperty("subject_type") String subjectType,
                          @JsonProperty("subject_id") String subjectId,
                          @JsonProperty("subject_name") String subjectName,
                          @JsonProperty("detail") String detail,
                          @JsonProperty("status") String status,
                          @JsonProperty("first_seen") String firstSeen,
                          @JsonProperty("last_seen") String lastSeen,
                          @JsonProperty("acknowledged_by") String acknowledgedBy,
                          @JsonProperty("acknowledged_reason") String acknowledgedReason,
                          @JsonProperty("acknowledged_at") String acknowledgedAt,
                          @JsonProperty("resolved_at") String resolvedAt) {

    public static FindingView of(FindingEntity f) {
        return new FindingView(f.getId(), f.getKind(), f.getIsoControl(), f.getSubjectType(), f.getSubjectId(), f.getSubjectName(),
                f.getDetail(), f.getStatus(), iso(f.getFirstSeen()), iso(f.getLastSeen()), f.getAckBy(), f.getAckReason(),
                iso(f.getAckAt()), iso(f.getResolvedAt()));
    }

    private static String iso(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis).toString();
    }
}
