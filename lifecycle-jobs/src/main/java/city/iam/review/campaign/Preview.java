package city.iam.review.campaign;

import city.iam.review.definition.ReviewDefinition;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.persistence.EntityManager;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The dry run of a launch: what it would freeze and who would review it, stores nothing. */
public final class Preview {

    static final int MAX_LISTED = 100;

    public record Result(@JsonProperty("item_count") long itemCount,
                         @JsonProperty("reviewers") Map<String, Long> reviewers,
                         @JsonProperty("items_without_reviewer_count") long withoutReviewerCount,
                         @JsonProperty("items_without_reviewer") List<Map<String, String>> withoutReviewer) {
    }

    private Preview() {
    }

    public static Result of(KeycloakSession session, RealmModel realm, EntityManager em, ReviewDefinition definition) {
        long[] count = {0, 0};
        Map<String, Long> byReviewerId = new TreeMap<>();
        List<Map<String, String>> without = new ArrayList<>();
        new SnapshotWalk(session, realm, em).walk(definition, rows -> {
            for (SnapshotWalk.Row row : rows) {
                count[0]++;
                if (row.assignment().assigned()) {
                    byReviewerId.merge(row.assignment().reviewerId(), 1L, Long::sum);
                } else {
                    count[1]++;
                    if (without.size() < MAX_LISTED) {
                        without.add(Map.of("username", row.grant().username(), "access", row.grant().accessName(), "grant_path", row.grant().path()));
                    }
                }
            }
        });
        Map<String, Long> byName = new TreeMap<>();
        byReviewerId.forEach((id, n) -> {
            UserModel u = session.users().getUserById(realm, id);
            byName.put(u == null ? id : u.getUsername(), n);
        });
        return new Result(count[0], byName, count[1], without);
    }
}
