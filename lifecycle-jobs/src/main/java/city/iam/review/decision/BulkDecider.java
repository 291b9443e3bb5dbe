package city.iam.review.decision;

import city.iam.kernel.access.Caller;
import city.iam.kernel.error.CityIamException;
import city.iam.review.campaign.Campaigns;
import city.iam.review.jpa.ItemEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Bulk decisions, all or nothing: ACCEPT or REVOKE for up to {@value #MAX_ITEMS} items, each checked as a
 * single decision would be. Accepting in bulk is refused when any item is privileged or recommended for
 * revocation — the rubber-stamping auditors look for — so those are decided one by one, with their reasons in
 * view. One refusal refuses the whole request and nothing is stored.
 */
public final class BulkDecider {

    public static final int MAX_ITEMS = 500;
    private static final int NAMED = 5;

    private final ItemDecider decider;
    private final Campaigns campaigns;

    public BulkDecider(ItemDecider decider, Campaigns campaigns) {
        this.decider = decider;
        this.campaigns = campaigns;
    }

    public List<ItemEntity> decide(Caller caller, BulkDecisionRequest request, Instant now) {
        if (request == null || request.itemIds() == null || request.itemIds().isEmpty()) {
            throw CityIamException.badRequest("missing_field", "item_ids must name at least one item.");
        }
        if (request.itemIds().size() > MAX_ITEMS) {
            throw CityIamException.badRequest("too_many_items", "At most " + MAX_ITEMS + " items per bulk decision.");
        }
        if (new HashSet<>(request.itemIds()).size() != request.itemIds().size()) {
            throw CityIamException.badRequest("duplicate_item", "item_ids names an item more than once.");
        }
        Decision decision = Decision.parse(request.decision());
        if (decision != Decision.ACCEPT && decision != Decision.REVOKE) {
            throw CityIamException.badRequest("bulk_decision_not_allowed", decision + " is decided item by item; bulk takes ACCEPT or REVOKE.");
        }
        if (decision == Decision.ACCEPT) {
            List<String> guarded = new ArrayList<>();
            for (String id : request.itemIds()) {
                campaigns.item(id).filter(i -> i.isPrivileged() || Recommendation.DENY.equals(i.getRecommendation()))
                        .ifPresent(i -> guarded.add(i.getId()));
            }
            if (!guarded.isEmpty()) {
                throw CityIamException.badRequest("bulk_accept_refused", guarded.size() + " of the items are privileged or recommended for"
                        + " revocation and must be accepted one by one: " + String.join(", ", guarded.subList(0, Math.min(NAMED, guarded.size())))
                        + (guarded.size() > NAMED ? ", …" : "") + ".");
            }
        }
        List<ItemEntity> decided = new ArrayList<>();
        for (String id : request.itemIds()) {
            decided.add(decider.decide(caller, id, new DecisionRequest(decision.name(), request.comment(), null, null, null, null), now));
        }
        return decided;
    }
}
