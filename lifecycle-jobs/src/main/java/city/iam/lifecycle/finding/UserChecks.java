package city.iam.lifecycle.finding;

import city.iam.kernel.people.UserRef;
import city.iam.lifecycle.account.UserAttributes;
import jakarta.persistence.EntityManager;
import org.keycloak.models.PasswordPolicy;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.OTPCredentialModel;
import org.keycloak.models.credential.PasswordCredentialModel;
import org.keycloak.models.credential.WebAuthnCredentialModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Credential hygiene (LJ-40) and account hygiene (LJ-37) for one batch of users, a handful of indexed queries per
 * batch: privileged users without a second factor, password changes left pending, passwords older than the
 * realm's expiry policy, accounts sharing an email address with another, and enabled accounts whose manager is
 * gone or disabled. Keycloak does not record when a required action was set, so a pending change counts from
 * account creation.
 */
final class UserChecks {

    private static final List<String> SECOND_FACTORS = List.of(OTPCredentialModel.TYPE, WebAuthnCredentialModel.TYPE_TWOFACTOR,
            WebAuthnCredentialModel.TYPE_PASSWORDLESS);

    record UserRow(String id, String username, long createdAt, boolean serviceAccount, boolean enabled) {
    }

    private final EntityManager em;
    private final RealmModel realm;
    private final HygieneThresholds limits;
    private final PrivilegedAccess privileged;
    private final long now;

    UserChecks(EntityManager em, RealmModel realm, HygieneThresholds limits, PrivilegedAccess privileged, long now) {
        this.em = em;
        this.realm = realm;
        this.limits = limits;
        this.privileged = privileged;
        this.now = now;
    }

    List<Observation> run(List<UserRow> users) {
        List<UserRow> people = users.stream().filter(u -> !u.serviceAccount()).toList();
        List<Observation> seen = new ArrayList<>();
        if (people.isEmpty()) {
            return seen;
        }
        List<String> ids = people.stream().map(UserRow::id).toList();
        Set<String> privilegedIds = privileged(ids);
        Set<String> withSecondFactor = privilegedIds.isEmpty() ? Set.of() : ids(em.createQuery(
                "select distinct c.user.id from CredentialEntity c where c.user.id in :ids and c.type in :types", String.class)
                .setParameter("ids", List.copyOf(privilegedIds)).setParameter("types", SECOND_FACTORS).getResultList());
        Set<String> pending = ids(em.createQuery("select a.user.id from UserRequiredActionEntity a where a.user.id in :ids and a.action = :action", String.class)
                .setParameter("ids", ids).setParameter("action", UserModel.RequiredAction.UPDATE_PASSWORD.name()).getResultList());
        Set<String> oldPasswords = oldPasswords(ids);
        Map<String, List<String>> sharing = sharedEmails(ids);
        Map<String, String> orphaned = orphaned(people.stream().filter(UserRow::enabled).map(UserRow::id).toList());
        for (UserRow u : people) {
            if (privilegedIds.contains(u.id()) && !withSecondFactor.contains(u.id())) {
                seen.add(new Observation(FindingKind.PRIVILEGED_WITHOUT_MFA, u.id(), u.username(),
                        "Holds privileged access without a one-time-password or WebAuthn credential."));
            }
            long age = now - u.createdAt();
            if (pending.contains(u.id()) && age > limits.pendingPasswordChangeAfter().toMillis()) {
                seen.add(new Observation(FindingKind.PENDING_PASSWORD_CHANGE, u.id(), u.username(),
                        "A password change has been pending on an account created " + Duration.ofMillis(age).toDays() + " days ago."));
            }
            if (oldPasswords.contains(u.id())) {
                seen.add(new Observation(FindingKind.PASSWORD_OLDER_THAN_POLICY, u.id(), u.username(),
                        "The password is older than the realm's " + expiryDays() + "-day expiry policy."));
            }
            if (sharing.containsKey(u.id())) {
                seen.add(new Observation(FindingKind.DUPLICATE_ACCOUNT, u.id(), u.username(),
                        "Shares its email address with " + String.join(", ", sharing.get(u.id())) + "."));
            }
            if (orphaned.containsKey(u.id())) {
                seen.add(new Observation(FindingKind.ORPHAN_ACCOUNT, u.id(), u.username(), orphaned.get(u.id())));
            }
        }
        return seen;
    }

    private Set<String> privileged(List<String> ids) {
        if (privileged.isEmpty()) {
            return Set.of();
        }
        Set<String> out = ids(em.createQuery("select m.user.id from UserRoleMappingEntity m where m.user.id in :ids and m.roleId in :roles", String.class)
                .setParameter("ids", ids).setParameter("roles", List.copyOf(privileged.roleIds())).getResultList());
        if (!privileged.groupIds().isEmpty()) {
            out.addAll(em.createQuery("select m.user.id from UserGroupMembershipEntity m where m.user.id in :ids and m.groupId in :groups", String.class)
                    .setParameter("ids", ids).setParameter("groups", List.copyOf(privileged.groupIds())).getResultList());
        }
        return out;
    }

    private Set<String> oldPasswords(List<String> ids) {
        int days = expiryDays();
        if (days <= 0) {
            return Set.of();
        }
        long cutoff = now - Duration.ofDays(days).toMillis();
        return ids(em.createQuery("select c.user.id from CredentialEntity c where c.user.id in :ids and c.type = :type and c.createdDate < :cutoff", String.class)
                .setParameter("ids", ids).setParameter("type", PasswordCredentialModel.TYPE).setParameter("cutoff", cutoff).getResultList());
    }

    /** Other human accounts of the realm with the same email (Keycloak stores emails lower-cased); by the realm-email index. */
    private Map<String, List<String>> sharedEmails(List<String> ids) {
        Map<String, List<String>> out = new HashMap<>();
        em.createQuery("select u.id, o.username from UserEntity u, UserEntity o where u.id in :ids and u.email is not null"
                        + " and o.realmId = u.realmId and o.email = u.email and o.id <> u.id and o.serviceAccountClientLink is null"
                        + " order by o.username", Object[].class)
                .setParameter("ids", ids).getResultStream()
                .forEach(r -> out.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]));
        return out;
    }

    /** Why each of these accounts is orphaned: its manager attribute names nobody, or someone disabled. */
    private Map<String, String> orphaned(List<String> ids) {
        Map<String, String> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Map<String, Map<String, List<String>>> attributes = UserAttributes.of(em, ids, List.of(UserRef.MANAGER));
        Map<String, String> managerOf = new HashMap<>();
        attributes.keySet().forEach(id -> managerOf.put(id, UserAttributes.first(attributes, id, UserRef.MANAGER).trim()));
        if (managerOf.isEmpty()) {
            return out;
        }
        // A manager is named by username or by id, as everywhere in the suite.
        List<String> names = managerOf.values().stream().distinct().toList();
        List<String> lowered = names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
        Map<String, Boolean> enabled = new HashMap<>();
        em.createQuery("select u.id, u.username, u.enabled from UserEntity u where u.realmId = :realm and (u.username in :names or u.id in :ids)",
                        Object[].class)
                .setParameter("realm", realm.getId()).setParameter("names", lowered).setParameter("ids", names).getResultStream()
                .forEach(r -> {
                    enabled.put((String) r[0], Boolean.TRUE.equals(r[2]));
                    enabled.put((String) r[1], Boolean.TRUE.equals(r[2]));
                });
        managerOf.forEach((user, manager) -> {
            Boolean on = enabled.getOrDefault(manager, enabled.get(manager.toLowerCase(Locale.ROOT)));
            if (on == null) {
                out.put(user, "Its manager '" + manager + "' is not an account of this realm.");
            } else if (!on) {
                out.put(user, "Its manager '" + manager + "' is disabled.");
            }
        });
        return out;
    }

    private int expiryDays() {
        PasswordPolicy policy = realm.getPasswordPolicy();
        return policy == null ? -1 : policy.getDaysToExpirePassword();
    }

    private static Set<String> ids(List<String> list) {
        return new HashSet<>(list);
    }
}
