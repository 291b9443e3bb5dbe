package city.iam.review.rest;

import city.iam.review.jpa.ReviewNoticeEntity;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Instant;

/** A notice as the admin API shows it: to whom, about what, and whether mail and webhook went out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeView(@JsonProperty("stage") int stage,
                         @JsonProperty("kind") String kind,
                         @JsonProperty("point") String point,
                         @JsonProperty("reviewer_id") String reviewerId,
                         @JsonProperty("reviewer") String reviewer,
                         @JsonProperty("items") long items,
                         @JsonProperty("email") String email,
                         @JsonProperty("webhook") String webhook,
                         @JsonProperty("created_at") String createdAt) {

    static NoticeView of(KeycloakSession session, RealmModel realm, ReviewNoticeEntity n) {
        UserModel reviewer = session.users().getUserById(realm, n.getReviewerId());
        return new NoticeView(n.getStage(), n.getKind(), n.getPoint(), n.getReviewerId(), reviewer == null ? null : reviewer.getUsername(),
                n.getItemCount(), n.getEmail(), n.getWebhook(), Instant.ofEpochMilli(n.getCreatedAt()).toString());
    }
}
