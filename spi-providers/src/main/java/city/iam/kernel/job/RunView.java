package city.iam.kernel.job;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;

/** A run as the admin API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(@JsonProperty("id") String id,
                      @JsonProperty("job") String job,
                      @JsonProperty("status") String status,
                      @JsonProperty("triggered_by") String triggeredBy,
                      @JsonProperty("started_at") String startedAt,
                      @JsonProperty("finished_at") String finishedAt,
                      @JsonProperty("heartbeat_at") String heartbeatAt,
                      @JsonProperty("processed") long processed,
                      @JsonProperty("changed") long changed,
                      @JsonProperty("batches") int batches,
                      @JsonProperty("takeovers") int takeovers,
                      @JsonProperty("error") String error) {

    public static RunView of(JobRunEntity e) {
        return new RunView(e.getId(), e.getJob(), e.getStatus(), e.getTrigger(), iso(e.getStartedAt()),
                e.getFinishedAt() == null ? null : iso(e.getFinishedAt()), iso(e.getHeartbeatAt()),
                e.getProcessed(), e.getChanged(), e.getBatches(), e.getTakeovers(), e.getError());
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
