package city.iam.review.remediation;

import city.iam.review.definition.ManagedMembers;
import city.iam.review.definition.Organizations;
import city.iam.review.definition.ScopeType;
import city.iam.review.jpa.ItemEntity;
import org.keycloak.models.IdentityProviderModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.organization.OrganizationProvider;

import java.util.List;

/**
 * Remediates a revoked MANAGED organisation membership the way the definition's {@code remediation.managed_members}
 * says, since removing the member would make Keycloak delete the account:
 * <ul>
 * <li>{@code disable-account}: disables the account and ends its sessions and offline sessions
 * ({@link AccountRevocation}); verified when the account is disabled and holds no session.</li>
 * <li>{@code unlink-provider}: removes the account's links to the organisation's identity providers and ends its
 * sessions; verified when no such link and no session remain. In Keycloak 26.7
 * {@code UserProvider.removeFederatedIdentity} (JpaUserProvider) only deletes the FEDERATED_IDENTITY row: no event
 * reaches the organisation provider, and the membership and its type (USER_GROUP_MEMBERSHIP.MEMBERSHIP_TYPE = MANAGED)
 * stay. So the person stays a managed member (organisation claim, organisation-granted access) but can no longer
 * sign in through the organisation's IdP to this account ({@code Organizations.resolveHomeBroker} finds no linked
 * broker); a later login through that IdP is a first broker login again, meeting the existing account. The reason
 * recorded says the membership is kept.</li>
 * <li>{@code manual}: changes nothing; the item ends MANUAL with what to do, for someone to follow up.</li>
 * </ul>
 */
final class ManagedMembership {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final ManagedMembers setting;
    private final AccountRevocation account;

    ManagedMembership(KeycloakSession session, RealmModel realm, ManagedMembers setting) {
        this.session = session;
        this.realm = realm;
        this.setting = setting;
        this.account = new AccountRevocation(session, realm);
    }

    ManagedMembers setting() {
        return setting;
    }

    /** The organisation when the item is an organisation membership this user holds as a MANAGED member; else null. */
    OrganizationModel managedOrganization(UserModel user, ItemEntity item) {
        if (user == null || ScopeType.parse(item.getAccessType()) != ScopeType.ORGANIZATION) {
            return null;
        }
        OrganizationProvider orgs = Organizations.of(session, realm);
        OrganizationModel org = orgs == null ? null : orgs.getById(item.getAccessId());
        return org != null && orgs.isMember(org, user) && orgs.isManagedMember(org, user) ? org : null;
    }

    /** What to tell whoever follows a {@code manual} item up. */
    static String manualReason(OrganizationModel org) {
        return "managed member of organization " + org.getAlias() + " (managed_members is manual; removing the membership would delete"
                + " the account): disable the account or unlink its identity provider by hand";
    }

    /** Acts as configured (not for {@code manual}); answers what was done. */
    String act(UserModel user, OrganizationModel org) {
        String prefix = "managed member of organization " + org.getAlias() + ": ";
        return switch (setting) {
            case DISABLE_ACCOUNT -> prefix + account.revoke(user) + "; membership kept (removing it would delete the account)";
            case UNLINK_PROVIDER -> {
                List<String> removed = linkedProviders(user, org);
                removed.forEach(alias -> session.users().removeFederatedIdentity(realm, user, alias));
                yield prefix + (removed.isEmpty() ? "no identity-provider link left" : "unlinked from identity provider "
                        + String.join(", ", removed)) + "; " + account.endSessions(user) + "; membership kept (Keycloak keeps a managed"
                        + " membership when its link is removed)";
            }
            case MANUAL -> throw new IllegalStateException("manual items are not acted on");
        };
    }

    /** Null when the configured action holds; otherwise what is still there. */
    String stillHeld(UserModel user, OrganizationModel org) {
        return switch (setting) {
            case DISABLE_ACCOUNT -> account.stillActive(user);
            case UNLINK_PROVIDER -> {
                List<String> left = linkedProviders(user, org);
                if (!left.isEmpty()) {
                    yield "still linked to identity provider " + String.join(", ", left);
                }
                String sessions = account.sessionsLeft(user);
                yield sessions == null ? null : "unlinked but " + sessions;
            }
            case MANUAL -> throw new IllegalStateException("manual items are not verified");
        };
    }

    /** The organisation's identity providers this account is linked to. */
    private List<String> linkedProviders(UserModel user, OrganizationModel org) {
        return org.getIdentityProviders().map(IdentityProviderModel::getAlias)
                .filter(alias -> session.users().getFederatedIdentity(realm, user, alias) != null).sorted().toList();
    }
}
