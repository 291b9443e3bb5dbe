package city.iam.lifecycle.inactivity;

import city.iam.kernel.page.Page;
import city.iam.lifecycle.jpa.NoticeEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.EntityManager;

import java.time.Instant;
import java.util.List;

/** Notices (one per action taken) of a realm: the record that a user was warned, disabled, removed or reset. */
public final class InactivityNotices {

    private final EntityManager em;
    private final String realmId;

    public InactivityNotices(EntityManager em, String realmId) {
        this.em = em;
        this.realmId = realmId;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(@JsonProperty("id") String id, @JsonProperty("user_id") String userId,
                       @JsonProperty("username") String username, @JsonProperty("action") String action,
                       @JsonProperty("at") String at, @JsonProperty("idle_since") String idleSince,
                       @JsonProperty("idle_days") long idleDays, @JsonProperty("policy_version") int policyVersion,
                       @JsonProperty("run_id") String runId, @JsonProperty("email") String email,
                       @JsonProperty("manager_email") String managerEmail) {
        static View of(NoticeEntity n) {
            return new View(n.getId(), n.getUserId(), n.getUsername(), n.getAction(), Instant.ofEpochMilli(n.getCreatedAt()).toString(),
                    Instant.ofEpochMilli(n.getReferenceAt()).toString(), n.getIdleDays(), n.getPolicyVersion(), n.getRunId(), n.getEmailStatus(),
                    n.getManagerEmailStatus());
        }
    }

    public List<View> list(String userId, String action, Page page) {
        String jpql = "select n from NoticeEntity n where n.realmId = :realmId"
                + (userId == null ? "" : " and n.userId = :userId")
                + (action == null ? "" : " and n.action = :action")
                + " order by n.createdAt desc, n.id";
        var q = em.createQuery(jpql, NoticeEntity.class).setParameter("realmId", realmId);
        if (userId != null) {
            q.setParameter("userId", userId);
        }
        if (action != null) {
            q.setParameter("action", action);
        }
        return q.setFirstResult(page.first()).setMaxResults(page.max()).getResultStream().map(View::of).toList();
    }
}
