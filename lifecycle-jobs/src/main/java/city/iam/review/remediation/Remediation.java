package city.iam.review.remediation;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLog;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.review.campaign.Campaigns;
import city.iam.review.definition.ManagedMembers;
import city.iam.review.definition.RemediationMode;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Acts on revoked and reduced items: removes every grant first, grants the narrower roles of reductions, then
 * verifies each against the user's effective access,
 * so that two items of one user (a direct mapping and a group) are judged on the final state, not on a
 * half-done one. Each item ends REMEDIATED or FAILED with the reason, and each result is an audit entry.
 * In MANUAL mode items are only marked for someone to act on; so is a MANAGED organisation membership when the
 * definition's {@code managed_members} is {@code manual} (otherwise {@link ManagedMembership} acts on it).
 */
public final class Remediation {

    public static final String REMEDIATED = "REMEDIATED";
    public static final String FAILED = "FAILED";
    public static final String MANUAL = "MANUAL";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Campaigns campaigns;
    private final ReviewDefinition definition;

    public Remediation(KeycloakSession session, RealmModel realm, Campaigns campaigns, ReviewDefinition definition) {
        this.session = session;
        this.realm = realm;
        this.campaigns = campaigns;
        this.definition = definition;
    }

    public record Summary(@JsonProperty("remediated") long remediated, @JsonProperty("failed") long failed,
                          @JsonProperty("manual") long manual) {
    }

    Summary run(CampaignEntity campaign, Actor actor, long now) {
        List<ItemEntity> revoked = campaigns.revokedPending(campaign.getId());
        if (definition.remediationMode() == RemediationMode.MANUAL) {
            for (ItemEntity i : revoked) {
                i.setRemediation(MANUAL);
                i.setRemediationReason("remove manually: " + i.getAccessName() + " held " + i.getGrantPath()
                        + (i.getReduceTo() == null ? "" : ", then grant " + i.getReduceTo()));
            }
            return new Summary(0, 0, revoked.size());
        }
        return apply(revoked, actor, now, "review.item.remediated");
    }

    /** Exceptions whose time is up: their grant is removed and verified like a revocation. */
    public Summary expire(List<ItemEntity> items, Actor actor, long now) {
        return apply(items, actor, now, "review.exception.expired");
    }

    private Summary apply(List<ItemEntity> items, Actor actor, long now, String action) {
        Remediator remover = new Remediator(session, realm, definition);
        AccessVerifier verifier = new AccessVerifier(session, realm);
        ManagedMembership managed = new ManagedMembership(session, realm, definition.managedMembers());
        AuditLog audit = AuditLogs.of(session, realm);
        Map<ItemEntity, String> done = new LinkedHashMap<>();
        // Managed memberships the definition's managed_members setting acted on: verified against that action.
        Map<ItemEntity, OrganizationModel> managedDone = new HashMap<>();
        long manual = 0;
        for (ItemEntity i : items) {
            UserModel user = session.users().getUserById(realm, i.getUserId());
            OrganizationModel org = managed.managedOrganization(user, i);
            if (org != null && managed.setting() == ManagedMembers.MANUAL) {
                i.setRemediation(MANUAL);
                // No remediated_at: nothing was applied (the report's applied_at stays empty, as in MANUAL mode).
                i.setRemediationReason(ManagedMembership.manualReason(org));
                manual++;
                audit.append(new AuditRecord(actor, "review.item.manual", i.getId(), facts(i, managed.setting())));
            } else if (org != null) {
                managedDone.put(i, org);
                done.put(i, managed.act(user, org));
            } else {
                done.put(i, user == null ? "user no longer exists" : remover.remove(user, i));
            }
        }
        // Narrower roles are granted once every removal is done, so no removal can take one away again.
        done.replaceAll((i, did) -> Outcome.REDUCE.name().equals(i.getOutcome()) ? did + "; " + keepNarrower(i) : did);
        long ok = 0;
        long failed = 0;
        for (Map.Entry<ItemEntity, String> e : done.entrySet()) {
            ItemEntity i = e.getKey();
            UserModel user = session.users().getUserById(realm, i.getUserId());
            OrganizationModel org = managedDone.get(i);
            String still = user == null ? null : org != null ? managed.stillHeld(user, org) : verifier.stillHeld(user, i);
            if (still == null && user != null && Outcome.REDUCE.name().equals(i.getOutcome())) {
                RoleModel kept = realm.getRoleById(i.getReduceToId());
                still = kept != null && user.hasRole(kept) ? null : "the kept role " + i.getReduceTo() + " is not held";
            }
            i.setRemediation(still == null ? REMEDIATED : FAILED);
            i.setRemediationReason(still == null ? e.getValue() : e.getValue() + "; " + still);
            i.setRemediatedAt(now);
            if (still == null) {
                ok++;
            } else {
                failed++;
            }
            audit.append(new AuditRecord(actor, action, i.getId(), facts(i, org == null ? null : managed.setting())));
        }
        return new Summary(ok, failed, manual);
    }

    /** An item's remediation for the audit chain; {@code managedMembers} names the setting applied to a managed membership. */
    private static ObjectNode facts(ItemEntity i, ManagedMembers managedMembers) {
        ObjectNode facts = AuditRecord.facts("campaign_id", i.getCampaignId(), "user_id", i.getUserId(), "access", i.getAccessName(),
                "grant_path", i.getGrantPath(), "result", i.getRemediation(), "reason", i.getRemediationReason());
        if (i.getReduceTo() != null) {
            facts.put("reduce_to", i.getReduceTo());
        }
        if (managedMembers != null) {
            facts.put("managed_members", managedMembers.code());
        }
        return facts;
    }

    private String keepNarrower(ItemEntity i) {
        UserModel user = session.users().getUserById(realm, i.getUserId());
        RoleModel kept = realm.getRoleById(i.getReduceToId());
        if (user == null || kept == null) {
            return "kept role " + i.getReduceTo() + " no longer exists";
        }
        if (user.getRoleMappingsStream().noneMatch(kept::equals)) {
            user.grantRole(kept);
        }
        return "granted " + i.getReduceTo() + " directly";
    }
}
