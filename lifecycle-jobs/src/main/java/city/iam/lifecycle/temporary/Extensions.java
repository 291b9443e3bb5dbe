package city.iam.lifecycle.temporary;

import city.iam.kernel.access.Caller;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.mail.AfterCommitMail;
import city.iam.kernel.mail.Mailer;
import city.iam.kernel.page.Page;
import city.iam.kernel.settings.RealmSettings;
import city.iam.lifecycle.account.Notice;
import city.iam.lifecycle.jpa.ExtensionRequestEntity;
import city.iam.lifecycle.jpa.TemporaryGrantEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Self-service extension of temporary access (LJ-35): the grantee asks, the owner of what was granted decides.
 * The request is routed when it is made, to the owner named then, who is mailed after the request commits. One
 * request per grant may wait at a time; an approval moves the grant's end (and its pre-expiry notice with it), a
 * denial leaves it; a grant that ends first takes its waiting request with it ({@value #LAPSED}). The owner is
 * never the requester: nobody extends their own access.
 */
public final class Extensions {

    public static final String PENDING = "PENDING";
    public static final String APPROVED = "APPROVED";
    public static final String DENIED = "DENIED";
    public static final String LAPSED = "LAPSED";
    /** Realm attribute {@code city-iam.lifecycle.temporary-access.max-extension}: how much later one extension may end. */
    static final String MAX_EXTENSION = "lifecycle.temporary-access.max-extension";
    static final Duration DEFAULT_MAX_EXTENSION = Duration.ofDays(30);

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;
    private final TemporaryGrants grants;

    public Extensions(KeycloakSession session, RealmModel realm, EntityManager em) {
        this.session = session;
        this.realm = realm;
        this.em = em;
        this.grants = new TemporaryGrants(session, realm, em);
    }

    /** The caller's own grants: someone else's are not theirs to see. */
    public List<TemporaryGrantEntity> grantsOf(Caller caller, String status, Page page) {
        return grants.list(caller.id(), status, page);
    }

    public ExtensionRequestEntity request(Caller caller, String grantId, ExtensionRequest body, long now) {
        // Someone else's grant answers as an unknown one: ids of other people's access are not confirmed.
        TemporaryGrantEntity g = grants.get(grantId).filter(x -> x.getUserId().equals(caller.id())).orElseThrow(() ->
                CityIamException.notFound("grant_not_found", "You have no temporary grant " + grantId + " in realm " + realm.getName() + "."));
        if (!TemporaryGrants.ACTIVE.equals(g.getStatus())) {
            throw CityIamException.conflict("grant_not_active", "Temporary grant " + grantId + " is " + g.getStatus() + ": it cannot be extended.");
        }
        long until = ExtensionRules.until(body.until(), now, g.getExpiresAt(), maxExtension());
        String reason = ExtensionRules.reason(body.reason());
        if (pendingFor(g.getId()) != null) {
            throw CityIamException.conflict("extension_pending", "An extension of grant " + grantId + " is already waiting for its owner's decision.");
        }
        UserModel owner = GrantOwner.of(session, realm, g);
        if (owner == null) {
            throw CityIamException.conflict("no_owner", g.getTargetName() + " has no enabled owner (city-iam.owner) to decide an extension;"
                    + " ask your IAM administrator.");
        }
        if (owner.getId().equals(caller.id())) {
            throw CityIamException.conflict("owner_is_requester", "You own " + g.getTargetName()
                    + ": your own extension is decided by your IAM administrator, not by you.");
        }
        ExtensionRequestEntity e = new ExtensionRequestEntity();
        e.setId(UUID.randomUUID().toString());
        e.setRealmId(realm.getId());
        e.setGrantId(g.getId());
        e.setUserId(caller.id());
        e.setUsername(caller.user().getUsername());
        e.setOwnerId(owner.getId());
        e.setTargetName(g.getTargetName());
        e.setCurrentExpiresAt(g.getExpiresAt());
        e.setRequestedUntil(until);
        e.setReason(reason);
        e.setStatus(PENDING);
        e.setRequestedAt(now);
        em.persist(e);
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.of(caller), "lifecycle.temporary_access.extension_requested", caller.id(),
                AuditRecord.facts("request_id", e.getId(), "grant_id", g.getId(), "target", g.getTargetName(), "owner", owner.getUsername(),
                        "expires_at", iso(g.getExpiresAt()), "requested_until", iso(until), "reason", reason)));
        mailOwner(e, caller.user());
        return e;
    }

    /** The requests routed to the caller, waiting ones first by age, or those of one status. */
    public List<ExtensionRequestEntity> routedTo(Caller caller, String status, Page page) {
        String jpql = "select e from ExtensionRequestEntity e where e.realmId = :realm and e.ownerId = :owner"
                + (status == null ? "" : " and e.status = :status") + " order by e.requestedAt, e.id";
        TypedQuery<ExtensionRequestEntity> q = em.createQuery(jpql, ExtensionRequestEntity.class)
                .setParameter("realm", realm.getId()).setParameter("owner", caller.id());
        if (status != null) {
            q.setParameter("status", status);
        }
        return q.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    public ExtensionRequestEntity decide(Caller caller, String requestId, ExtensionDecision body, long now) {
        ExtensionRequestEntity e = get(requestId);
        if (!e.getOwnerId().equals(caller.id())) {
            throw CityIamException.forbidden("Extension request " + requestId + " is decided by the owner of " + e.getTargetName() + ".");
        }
        ExtensionRules.Verdict verdict = ExtensionRules.verdict(body.decision());
        String comment = ExtensionRules.comment(verdict, body.comment());
        if (!PENDING.equals(e.getStatus())) {
            throw CityIamException.conflict("request_not_pending", "Extension request " + requestId + " is " + e.getStatus() + ".");
        }
        TemporaryGrantEntity g = grants.get(e.getGrantId()).orElse(null);
        if (g == null || !TemporaryGrants.ACTIVE.equals(g.getStatus())) {
            throw CityIamException.conflict("grant_not_active", "The grant of request " + requestId + " has ended.");
        }
        e.setStatus(verdict.status());
        e.setDecidedBy(caller.name());
        e.setDecidedAt(now);
        e.setDecisionComment(comment);
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.of(caller), "lifecycle.temporary_access.extension_decided", e.getUserId(),
                AuditRecord.facts("request_id", e.getId(), "grant_id", g.getId(), "target", g.getTargetName(), "decision", e.getStatus(),
                        "requested_until", iso(e.getRequestedUntil()), "comment", comment == null ? "" : comment)));
        if (verdict == ExtensionRules.Verdict.APPROVE) {
            grants.extend(g, e.getRequestedUntil(), caller.name(), e.getId());
        }
        return e;
    }

    public ExtensionRequestEntity get(String requestId) {
        ExtensionRequestEntity e = requestId == null ? null : em.find(ExtensionRequestEntity.class, requestId);
        if (e == null || !e.getRealmId().equals(realm.getId())) {
            throw CityIamException.notFound("request_not_found", "Realm " + realm.getName() + " has no extension request " + requestId + ".");
        }
        return e;
    }

    /** Requests of one grant, newest first (admins' view of a grant). */
    public List<ExtensionRequestEntity> ofGrant(String grantId) {
        return em.createQuery("select e from ExtensionRequestEntity e where e.grantId = :grant order by e.requestedAt desc, e.id",
                ExtensionRequestEntity.class).setParameter("grant", grantId).getResultList();
    }

    private ExtensionRequestEntity pendingFor(String grantId) {
        return em.createQuery("select e from ExtensionRequestEntity e where e.grantId = :grant and e.status = :pending",
                        ExtensionRequestEntity.class)
                .setParameter("grant", grantId).setParameter("pending", PENDING).setMaxResults(1).getResultStream().findFirst().orElse(null);
    }

    private Duration maxExtension() {
        return RealmSettings.of(realm).duration(MAX_EXTENSION, DEFAULT_MAX_EXTENSION);
    }

    /** After commit, so a refused or rolled-back request mails nobody; the outcome is kept on the request. */
    private void mailOwner(ExtensionRequestEntity e, UserModel requester) {
        String requestId = e.getId();
        String ownerId = e.getOwnerId();
        Map<String, Object> attributes = Map.of("requester", displayName(requester), "target", e.getTargetName(),
                "expiresAt", Mailer.utcMinute(e.getCurrentExpiresAt()), "requestedUntil", Mailer.utcMinute(e.getRequestedUntil()),
                "reason", e.getReason(), "realmName", Notice.realmName(realm));
        AfterCommitMail.enlist(session, realm, (s, r) -> {
            UserModel owner = s.users().getUserById(r, ownerId);
            String status = owner == null ? Mailer.NO_USER : Notice.mail(s, r, owner, Notice.Template.EXTENSION_REQUESTED, attributes);
            ExtensionRequestEntity stored = s.getProvider(JpaConnectionProvider.class).getEntityManager().find(ExtensionRequestEntity.class, requestId);
            if (stored != null) {
                stored.setOwnerEmail(status);
            }
        });
    }

    private static String displayName(UserModel user) {
        String name = ((user.getFirstName() == null ? "" : user.getFirstName()) + " " + (user.getLastName() == null ? "" : user.getLastName())).trim();
        return name.isEmpty() ? user.getUsername() : name + " (" + user.getUsername() + ")";
    }

    private static String iso(long millis) {
        return Instant.ofEpochMilli(millis).toString();
    }
}
