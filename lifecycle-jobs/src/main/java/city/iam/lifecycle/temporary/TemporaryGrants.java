package city.iam.lifecycle.temporary;

import city.iam.kernel.people.UserRef;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.page.Page;
import city.iam.kernel.settings.RealmSettings;
import city.iam.lifecycle.account.GrantTarget;
import city.iam.lifecycle.account.Notice;
import city.iam.lifecycle.jpa.TemporaryGrantEntity;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Temporary access (LJ-35): grants with an end, a notice before it, and removal at it. Limits are realm
 * attributes: {@code city-iam.lifecycle.temporary-access.max-duration} (default 90 days) and
 * {@code ...notice-before} (default 3 days). A role or group the user already holds directly cannot be granted
 * temporarily: its expiry would take away a permanent grant.
 */
public final class TemporaryGrants {

    public static final String ACTIVE = "ACTIVE";
    public static final String EXPIRED = "EXPIRED";
    public static final String ENDED = "ENDED";
    static final String ACTOR = "lifecycle-temporary-access";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final EntityManager em;

    public TemporaryGrants(KeycloakSession session, RealmModel realm, EntityManager em) {
        this.session = session;
        this.realm = realm;
        this.em = em;
    }

    public TemporaryGrantEntity grant(TemporaryGrantRequest request, String by, long now) {
        if (request.reason() == null || request.reason().isBlank() || request.reason().length() > 1000) {
            throw CityIamException.badRequest("invalid_reason", "A temporary grant needs a reason of at most 1000 characters.");
        }
        UserModel user = user(request.user());
        long expiresAt = expiry(request, now);
        GrantTarget target = GrantTarget.resolve(session, realm, request.realmRole(), request.client(), request.clientRole(), request.group());
        if (target.heldDirectly(user)) {
            throw CityIamException.conflict("already_granted", user.getUsername() + " already holds " + target.name()
                    + " directly; its expiry would remove a permanent grant.");
        }
        target.grant(user);
        TemporaryGrantEntity g = new TemporaryGrantEntity();
        g.setId(UUID.randomUUID().toString());
        g.setRealmId(realm.getId());
        g.setUserId(user.getId());
        g.setTargetType(target.type());
        g.setTargetId(target.id());
        g.setTargetName(target.name());
        g.setGrantedBy(by);
        g.setReason(request.reason().trim());
        g.setGrantedAt(now);
        g.setExpiresAt(expiresAt);
        g.setStatus(ACTIVE);
        em.persist(g);
        return g;
    }

    private UserModel user(String ref) {
        if (ref == null || ref.isBlank()) {
            throw CityIamException.badRequest("missing_field", "user (id or username) is required.");
        }
        UserModel user = UserRef.find(session, realm, ref);
        if (user == null) {
            throw CityIamException.notFound("user_not_found", "Realm " + realm.getName() + " has no user '" + ref + "'.");
        }
        return user;
    }

    private long expiry(TemporaryGrantRequest request, long now) {
        if ((request.until() == null) == (request.duration() == null)) {
            throw CityIamException.badRequest("invalid_expiry", "Give exactly one of until (an instant) or duration (ISO-8601).");
        }
        long expiresAt;
        try {
            expiresAt = request.until() != null ? Instant.parse(request.until()).toEpochMilli() : now + Duration.parse(request.duration()).toMillis();
        } catch (DateTimeParseException e) {
            throw CityIamException.badRequest("invalid_expiry", "until is an ISO-8601 instant, duration an ISO-8601 duration.");
        }
        Duration max = RealmSettings.of(realm).duration("lifecycle.temporary-access.max-duration", Duration.ofDays(90));
        if (expiresAt <= now) {
            throw CityIamException.badRequest("invalid_expiry", "The grant must end in the future.");
        }
        if (expiresAt - now > max.toMillis()) {
            throw CityIamException.badRequest("invalid_expiry", "Temporary access lasts at most " + max.toDays() + " days in this realm.");
        }
        return expiresAt;
    }

    /** Ends an active grant early (an admin's DELETE) or at expiry (the job); the status says which. */
    public void end(TemporaryGrantEntity g, String status, String by, long now) {
        UserModel user = session.users().getUserById(realm, g.getUserId());
        GrantTarget target = GrantTarget.stored(session, realm, g.getTargetType(), g.getTargetId(), g.getTargetName());
        if (user != null && target != null) {
            target.revoke(user);
        }
        g.setStatus(status);
        g.setEndedAt(now);
        g.setEndedBy(by);
        // A request still waiting for the owner has nothing left to extend.
        em.createQuery("update ExtensionRequestEntity e set e.status = :lapsed, e.decidedAt = :now, e.decidedBy = :by"
                        + " where e.grantId = :grant and e.status = :pending")
                .setParameter("lapsed", Extensions.LAPSED).setParameter("now", now).setParameter("by", by)
                .setParameter("grant", g.getId()).setParameter("pending", Extensions.PENDING).executeUpdate();
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.system(ACTOR), "lifecycle.temporary_access." + status.toLowerCase(),
                g.getUserId(), AuditRecord.facts("grant_id", g.getId(), "target", g.getTargetName(), "ended_by", by,
                        "expires_at", Instant.ofEpochMilli(g.getExpiresAt()).toString())));
    }

    /**
     * Moves the end of an active grant to an approved extension; the pre-expiry notice is due again before the new
     * end. Only the end moves: the role or group stays granted as it is.
     */
    void extend(TemporaryGrantEntity g, long until, String by, String requestId) {
        long before = g.getExpiresAt();
        g.setExpiresAt(until);
        g.setNoticeAt(null);
        g.setNoticeStatus(null);
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.system(ACTOR), "lifecycle.temporary_access.extended", g.getUserId(),
                AuditRecord.facts("grant_id", g.getId(), "target", g.getTargetName(), "approved_by", by, "request_id", requestId,
                        "previous_expires_at", Instant.ofEpochMilli(before).toString(), "expires_at", Instant.ofEpochMilli(until).toString())));
    }

    /** Mails the holder that the grant ends soon; answers the mail status recorded with the grant. */
    void notice(TemporaryGrantEntity g, long now) {
        UserModel user = session.users().getUserById(realm, g.getUserId());
        String status = user == null ? "no_user" : Notice.mail(session, realm, user, Notice.Template.TEMPORARY_ACCESS_ENDING,
                Map.of("target", g.getTargetName(), "expiresAt", Instant.ofEpochMilli(g.getExpiresAt()).toString()));
        g.setNoticeAt(now);
        g.setNoticeStatus(status);
        AuditLogs.of(session, realm).append(new AuditRecord(Actor.system(ACTOR), "lifecycle.temporary_access.noticed", g.getUserId(),
                AuditRecord.facts("grant_id", g.getId(), "target", g.getTargetName(), "email", status)));
    }

    public Optional<TemporaryGrantEntity> get(String id) {
        TemporaryGrantEntity g = em.find(TemporaryGrantEntity.class, id);
        return g == null || !g.getRealmId().equals(realm.getId()) ? Optional.empty() : Optional.of(g);
    }

    public List<TemporaryGrantEntity> list(String userId, String status, Page page) {
        String jpql = "select g from TemporaryGrantEntity g where g.realmId = :realm" + (userId == null ? "" : " and g.userId = :user")
                + (status == null ? "" : " and g.status = :status") + " order by g.expiresAt, g.id";
        TypedQuery<TemporaryGrantEntity> q = em.createQuery(jpql, TemporaryGrantEntity.class).setParameter("realm", realm.getId());
        if (userId != null) {
            q.setParameter("user", userId);
        }
        if (status != null) {
            q.setParameter("status", status);
        }
        return q.setFirstResult(page.first()).setMaxResults(page.max()).getResultList();
    }

    /** Active grants ending at or before {@code before}, soonest first. */
    List<TemporaryGrantEntity> endingBy(long before, boolean withoutNotice, int max) {
        return em.createQuery("select g from TemporaryGrantEntity g where g.realmId = :realm and g.status = :active and g.expiresAt <= :before"
                        + (withoutNotice ? " and g.noticeAt is null" : "") + " order by g.expiresAt, g.id", TemporaryGrantEntity.class)
                .setParameter("realm", realm.getId()).setParameter("active", ACTIVE).setParameter("before", before)
                .setMaxResults(max).getResultList();
    }

    boolean anyActive() {
        return !em.createQuery("select g.id from TemporaryGrantEntity g where g.realmId = :realm and g.status = :active", String.class)
                .setParameter("realm", realm.getId()).setParameter("active", ACTIVE).setMaxResults(1).getResultList().isEmpty();
    }

    Duration noticeBefore() {
        return RealmSettings.of(realm).duration("lifecycle.temporary-access.notice-before", Duration.ofDays(3));
    }
}
