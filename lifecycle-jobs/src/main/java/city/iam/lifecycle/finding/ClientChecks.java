package city.iam.lifecycle.finding;

import city.iam.kernel.people.UserRef;
import city.iam.lifecycle.attestation.AttestationSettings;
import city.iam.lifecycle.attestation.ClientOwnerships;
import city.iam.lifecycle.attestation.OwnerAttestationCheck;
import city.iam.lifecycle.jpa.UserAuthEntity;
import jakarta.persistence.EntityManager;
import org.keycloak.Config;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Non-human identities (LJ-36, LJ-37) and the bootstrap admin: service accounts need an enabled human owner
 ({@code city-iam.owner} names a username or user id) and recent use; client secrets must be younger than the realm's
 * limit; owned clients must be attested on the realm's cadence ({@link OwnerAttestationCheck}). The bootstrap admin
 * Keycloak creates at first start ({@code is_temporary_admin}) must not stay enabled.
 */
final class ClientChecks {

    /** Set by Keycloak, in epoch seconds, whenever it generates or rotates a secret. */
    private static final String SECRET_CREATED = "client.secret.creation.time";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final HygieneThresholds limits;
    private final long now;

    ClientChecks(KeycloakSession session, RealmModel realm, EntityManager em, HygieneThresholds limits, long now) {
        this.session = session;
        this.realm = realm;
        this.em = em;
        this.limits = limits;
        this.now = now;
    }

    List<Observation> run() {
        List<Observation> seen = new ArrayList<>();
        List<ClientModel> clients = realm.getClientsStream().toList();
        clients.forEach(client -> {
            if (client.isServiceAccountsEnabled()) {
                serviceAccount(client, seen);
            }
            secret(client, seen);
        });
        new OwnerAttestationCheck(new ClientOwnerships(session, realm, em), AttestationSettings.schedule(realm), now).check(clients, seen);
        if (Config.getAdminRealm().equals(realm.getName())) {
            bootstrapAdmins(seen);
        }
        return seen;
    }

    private void serviceAccount(ClientModel client, List<Observation> seen) {
        String owner = client.getAttribute(UserRef.OWNER);
        if (owner == null || owner.isBlank()) {
            seen.add(new Observation(FindingKind.SERVICE_ACCOUNT_WITHOUT_OWNER, client.getId(), client.getClientId(),
                    "The service account has no owner: set client attribute " + UserRef.OWNER + " to a person's username."));
        } else if (!isPerson(owner.trim())) {
            seen.add(new Observation(FindingKind.SERVICE_ACCOUNT_WITHOUT_OWNER, client.getId(), client.getClientId(),
                    "The owner '" + owner.trim() + "' is not an enabled person in this realm."));
        }
        UserModel account = session.users().getServiceAccount(client);
        if (account == null) {
            return;
        }
        UserAuthEntity last = em.find(UserAuthEntity.class, account.getId());
        Long createdAt = account.getCreatedTimestamp();
        long reference = last != null ? last.getLastAuthAt() : createdAt == null ? now : createdAt;
        if (now - reference > limits.serviceAccountUnusedAfter().toMillis()) {
            seen.add(new Observation(FindingKind.UNUSED_SERVICE_ACCOUNT, client.getId(), client.getClientId(),
                    (last == null ? "Never used since " : "Last used ") + Instant.ofEpochMilli(reference)
                            + "; the limit is " + limits.serviceAccountUnusedAfter().toDays() + " days."));
        }
    }

    private boolean isPerson(String owner) {
        UserModel user = UserRef.find(session, realm, owner);
        return user != null && user.isEnabled() && user.getServiceAccountClientLink() == null;
    }

    private void secret(ClientModel client, List<Observation> seen) {
        if (client.isPublicClient() || client.isBearerOnly() || client.getSecret() == null) {
            return;
        }
        String created = client.getAttribute(SECRET_CREATED);
        if (created == null || !created.matches("\\d{1,12}")) {
            return;
        }
        long createdAt = Long.parseLong(created) * 1000;
        Duration age = Duration.ofMillis(now - createdAt);
        if (age.compareTo(limits.maxSecretAge()) > 0) {
            seen.add(new Observation(FindingKind.STALE_CLIENT_SECRET, client.getId(), client.getClientId(),
                    "The client secret is " + age.toDays() + " days old; the limit is " + limits.maxSecretAge().toDays() + " days."));
        }
    }

    private void bootstrapAdmins(List<Observation> seen) {
        session.users().searchForUserByUserAttributeStream(realm, "is_temporary_admin", "true")
                .filter(UserModel::isEnabled)
                .forEach(u -> seen.add(new Observation(FindingKind.BOOTSTRAP_ADMIN_ENABLED, u.getId(), u.getUsername(),
                        "The temporary bootstrap admin is still enabled: create a named administrator and disable or delete it.")));
    }
}
