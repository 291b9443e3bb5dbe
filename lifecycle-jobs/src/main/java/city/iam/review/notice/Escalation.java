package city.iam.review.notice;

import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ScopeType;
import city.iam.review.jpa.ItemEntity;
import city.iam.review.reviewer.Assignment;
import city.iam.review.reviewer.ReviewerChain;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Moves late items to the reviewer the {@code escalate_to} resolver finds for the late reviewer (their manager,
 * a group, named users), never to the item's subject. An item with nobody to go to stays with its reviewer and
 * is marked late, so it is not tried again. Answers, per late reviewer, how many items they had.
 */
final class Escalation {

    private final ReviewerChain chain;
    private final String resolver;

    Escalation(ReviewDefinition definition, ReviewerChain chain) {
        this.chain = chain;
        this.resolver = definition.notifications().escalateTo();
    }

    Map<String, Long> apply(List<ItemEntity> items) {
        Map<String, Long> late = new LinkedHashMap<>();
        Map<String, Assignment> resolved = new HashMap<>();
        for (ItemEntity i : items) {
            String from = i.getReviewerId();
            ScopeType type = ScopeType.valueOf(i.getAccessType().toUpperCase(Locale.ROOT));
            Assignment to = resolved.computeIfAbsent(from + "|" + i.getAccessType() + "|" + i.getAccessId(),
                    k -> chain.resolve(resolver, from, type, i.getAccessId()));
            boolean moves = to.assigned() && !to.reviewerId().equals(from) && !to.reviewerId().equals(i.getUserId());
            String source = moves ? ReviewNotices.ESCALATED + to.source() : ReviewNotices.LATE + i.getReviewerSource();
            if (moves) {
                i.setReviewerId(to.reviewerId());
            }
            i.setReviewerSource(source.length() > 64 ? source.substring(0, 64) : source);
            late.merge(from, 1L, Long::sum);
        }
        return late;
    }
}
