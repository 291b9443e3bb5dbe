package city.iam.lifecycle.rest;

import city.iam.kernel.access.Caller;
import city.iam.kernel.access.ModuleRole;
import city.iam.kernel.error.CityIamException;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Who may use the lifecycle admin API. Changes (policies, runs): {@code review-admin}, or Keycloak's own
 * right to manage users ({@code manage-users}, which {@code realm-admin} includes) since the sweep disables
 * and deletes users. Reads: also {@code auditor}, or the right to view users.
 */
final class LifecycleAccess {

    private final Caller caller;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;

    LifecycleAccess(Caller caller, RealmModel realm, AdminPermissionEvaluator auth) {
        this.caller = caller;
        this.realm = realm;
        this.auth = auth;
    }

    void requireRead() {
        if (caller.has(realm, ModuleRole.REVIEW_ADMIN) || caller.has(realm, ModuleRole.AUDITOR) || auth.users().canView()) {
            return;
        }
        throw CityIamException.forbidden("This needs the review-admin or auditor role of the city-iam client, or view-users, in realm "
                + realm.getName() + ".");
    }

    void requireWrite() {
        if (caller.has(realm, ModuleRole.REVIEW_ADMIN) || auth.users().canManage()) {
            return;
        }
        throw CityIamException.forbidden("This needs the review-admin role of the city-iam client, or manage-users, in realm "
                + realm.getName() + ".");
    }
}
