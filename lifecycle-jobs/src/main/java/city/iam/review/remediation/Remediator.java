package city.iam.review.remediation;

import city.iam.review.campaign.GrantKind;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ScopeType;
import city.iam.review.jpa.ItemEntity;
import city.iam.review.definition.Organizations;
import org.keycloak.models.GroupModel;
import org.keycloak.models.OrganizationModel;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RoleModel;
import org.keycloak.models.UserModel;

/**
 * Removes what carries a revoked grant: the role mapping, the composite role mapping (only when the definition
 * allows it, since that takes more than the reviewed role away), or the group membership (unless the
 * definition says not to touch groups); an organisation membership, an identity-provider link, or the whole
 * account ({@link AccountRevocation}). Answers what it did, for the record; verification decides the result.
 */
final class Remediator {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ReviewDefinition definition;

    Remediator(KeycloakSession session, RealmModel realm, ReviewDefinition definition) {
        this.session = session;
        this.realm = realm;
        this.definition = definition;
    }

    String remove(UserModel user, ItemEntity item) {
        switch (ScopeType.parse(item.getAccessType())) {
            case ORGANIZATION -> {
                return leaveOrganization(user, item);
            }
            case IDP_LINK -> {
                if (session.users().getFederatedIdentity(realm, user, item.getAccessName()) == null) {
                    return "link already gone";
                }
                session.users().removeFederatedIdentity(realm, user, item.getAccessName());
                return "unlinked from identity provider " + item.getAccessName();
            }
            case ACCOUNT -> {
                return new AccountRevocation(session, realm).revoke(user);
            }
            default -> {
                return removeGrant(user, item);
            }
        }
    }

    /**
     * Keycloak deletes a MANAGED member's account when it leaves the organisation (the account exists only
     * through the organisation's identity provider), so a managed membership is never removed here:
     * {@link ManagedMembership} handles those before this is called; one that became managed in between is left
     * alone and verification reports it.
     */
    private String leaveOrganization(UserModel user, ItemEntity item) {
        OrganizationProvider orgs = Organizations.of(session, realm);
        OrganizationModel org = orgs == null ? null : orgs.getById(item.getAccessId());
        if (org == null || !orgs.isMember(org, user)) {
            return "membership already gone";
        }
        if (orgs.isManagedMember(org, user)) {
            return "left managed membership of organization " + org.getAlias() + " (removing it would delete the account)";
        }
        orgs.removeMember(org, user);
        return "removed from organization " + org.getAlias();
    }

    private String removeGrant(UserModel user, ItemEntity item) {
        GrantKind kind = GrantKind.valueOf(item.getGrantKind());
        switch (kind) {
            case DIRECT -> {
                RoleModel role = realm.getRoleById(item.getAccessId());
                if (role != null && user.getRoleMappingsStream().anyMatch(role::equals)) {
                    user.deleteRoleMapping(role);
                    return "removed role mapping " + item.getAccessName();
                }
                return "role mapping already gone";
            }
            case COMPOSITE -> {
                RoleModel via = realm.getRoleById(item.getGrantViaId());
                if (!definition.removeComposites()) {
                    return "left composite role " + (via == null ? item.getGrantViaId() : via.getName()) + " (remove_composites is off)";
                }
                if (via != null && user.getRoleMappingsStream().anyMatch(via::equals)) {
                    user.deleteRoleMapping(via);
                    return "removed composite role mapping " + via.getName();
                }
                return "composite role mapping already gone";
            }
            case GROUP, SUBGROUP, MEMBER -> {
                String groupId = kind == GrantKind.MEMBER ? item.getAccessId() : item.getGrantViaId();
                GroupModel group = session.groups().getGroupById(realm, groupId);
                if (kind != GrantKind.MEMBER && !definition.leaveGroups()) {
                    return "left membership of " + (group == null ? groupId : group.getName()) + " (leave_groups is off)";
                }
                if (group != null && user.getGroupsStream().anyMatch(group::equals)) {
                    user.leaveGroup(group);
                    return "removed from group " + org.keycloak.models.utils.KeycloakModelUtils.buildGroupPath(group);
                }
                return "membership already gone";
            }
            default -> throw new IllegalStateException("unknown grant kind " + kind);
        }
    }

    static boolean isRole(ItemEntity item) {
        ScopeType type = ScopeType.parse(item.getAccessType());
        return type != null && type.isRole();
    }
}
