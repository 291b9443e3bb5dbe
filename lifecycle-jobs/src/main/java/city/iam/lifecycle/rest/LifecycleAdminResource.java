package city.iam.lifecycle.rest;

import city.iam.kernel.access.AdminCaller;
import city.iam.kernel.access.Caller;
import city.iam.kernel.audit.AdminChange;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.error.Guard;
import city.iam.kernel.job.Job;
import city.iam.kernel.job.JobEngine;
import city.iam.kernel.job.JobRuns;
import city.iam.kernel.job.RunView;
import city.iam.kernel.json.BoundedBody;
import city.iam.kernel.page.Page;
import city.iam.kernel.time.KeycloakClock;
import city.iam.lifecycle.attestation.AttestationSettings;
import city.iam.lifecycle.attestation.AttestationView;
import city.iam.lifecycle.attestation.Attestations;
import city.iam.lifecycle.birthright.BirthrightDocument;
import city.iam.lifecycle.birthright.BirthrightPolicies;
import city.iam.lifecycle.finding.Acknowledgement;
import city.iam.lifecycle.finding.FindingKind;
import city.iam.lifecycle.finding.FindingStore;
import city.iam.lifecycle.finding.FindingView;
import city.iam.lifecycle.finding.HygieneThresholds;
import city.iam.lifecycle.leaver.LeaverSettings;
import city.iam.lifecycle.settings.SettingsPolicy;
import city.iam.review.campaign.CityOrganizations;
import city.iam.lifecycle.inactivity.InactivityNotices;
import city.iam.lifecycle.jpa.FindingEntity;
import city.iam.lifecycle.jpa.TemporaryGrantEntity;
import city.iam.lifecycle.temporary.ExtensionRequestView;
import city.iam.lifecycle.temporary.Extensions;
import city.iam.lifecycle.temporary.TemporaryGrantRequest;
import city.iam.lifecycle.temporary.TemporaryGrantView;
import city.iam.lifecycle.temporary.TemporaryGrants;
import city.iam.lifecycle.inactivity.InactivityPolicies;
import city.iam.lifecycle.inactivity.PolicyDocument;
import city.iam.lifecycle.tracker.LastAuthStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.io.InputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /admin/realms/{realm}/lifecycle}: the inactivity, birthright, leaver, hygiene and owner-attestation policies, owners'
 * attestations of clients, extension requests of temporary grants, job runs (run now, progress, history),
 * users' last authentications, the inactivity notices and the hygiene findings. Every change is an admin event plus an audit-chain
 * entry in the transaction of the change.
 */
@Produces(MediaType.APPLICATION_JSON)
public class LifecycleAdminResource {

    private static final int POLICY_BYTES = 64 * 1024;
    private static final Set<String> FINDING_STATUSES = Set.of(FindingStore.OPEN, FindingStore.ACKNOWLEDGED, FindingStore.RESOLVED);
    private static final Set<String> GRANT_STATUSES = Set.of(TemporaryGrants.ACTIVE, TemporaryGrants.EXPIRED, TemporaryGrants.ENDED);
    private static final Map<String, SettingsPolicy> SETTINGS = Map.of(
            LeaverSettings.POLICY.name(), LeaverSettings.POLICY, HygieneThresholds.POLICY.name(), HygieneThresholds.POLICY,
            AttestationSettings.POLICY.name(), AttestationSettings.POLICY, CityOrganizations.POLICY.name(), CityOrganizations.POLICY);
    private static final Set<String> NOTICE_ACTIONS = Set.of("WARN", "DISABLE", "DELETE", "ANONYMISE", "RESET");

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;
    private final LifecycleAccess access;
    private final AdminEventBuilder adminEvent;

    LifecycleAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.caller = AdminCaller.of(auth);
        this.access = new LifecycleAccess(caller, realm, auth);
        this.adminEvent = adminEvent;
    }

    // ---- inactivity policy

    @GET
    @Path("policies/inactivity")
    public Response policy() {
        return read(() -> Response.ok(InactivityPolicies.document(realm).orElseThrow(() ->
                CityIamException.notFound("no_policy", "Realm " + realm.getName() + " has no inactivity policy."))).build());
    }

    @PUT
    @Path("policies/inactivity")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putPolicy(InputStream body) {
        return write(() -> {
            PolicyDocument wanted = BoundedBody.json(body, PolicyDocument.class, POLICY_BYTES);
            boolean created = InactivityPolicies.document(realm).isEmpty();
            PolicyDocument stored = InactivityPolicies.put(session, realm, wanted, KeycloakClock.INSTANCE.instant());
            recordPolicy(created ? OperationType.CREATE : OperationType.UPDATE, "inactivity", created ? "created" : "updated",
                    city.iam.kernel.json.Json.MAPPER.valueToTree(stored));
            return Response.status(created ? 201 : 200).entity(stored).build();
        });
    }

    @DELETE
    @Path("policies/inactivity")
    public Response deletePolicy() {
        return write(() -> {
            if (InactivityPolicies.document(realm).isEmpty()) {
                throw CityIamException.notFound("no_policy", "Realm " + realm.getName() + " has no inactivity policy.");
            }
            InactivityPolicies.remove(realm);
            recordPolicy(OperationType.DELETE, "inactivity", "deleted", AuditRecord.facts());
            return Response.noContent().build();
        });
    }

    // ---- birthright (joiner / mover) policy

    @GET
    @Path("policies/birthright")
    public Response birthrightPolicy() {
        return read(() -> Response.ok(BirthrightPolicies.document(realm).orElseThrow(() ->
                CityIamException.notFound("no_policy", "Realm " + realm.getName() + " has no birthright policy."))).build());
    }

    @PUT
    @Path("policies/birthright")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putBirthrightPolicy(InputStream body) {
        return write(() -> {
            BirthrightDocument wanted = BoundedBody.json(body, BirthrightDocument.class, POLICY_BYTES);
            boolean created = BirthrightPolicies.document(realm).isEmpty();
            BirthrightDocument stored = BirthrightPolicies.put(session, realm, wanted, KeycloakClock.INSTANCE.instant());
            recordPolicy(created ? OperationType.CREATE : OperationType.UPDATE, "birthright", created ? "created" : "updated",
                    city.iam.kernel.json.Json.MAPPER.valueToTree(stored));
            return Response.status(created ? 201 : 200).entity(stored).build();
        });
    }

    @DELETE
    @Path("policies/birthright")
    public Response deleteBirthrightPolicy() {
        return write(() -> {
            if (BirthrightPolicies.document(realm).isEmpty()) {
                throw CityIamException.notFound("no_policy", "Realm " + realm.getName() + " has no birthright policy.");
            }
            BirthrightPolicies.remove(realm);
            recordPolicy(OperationType.DELETE, "birthright", "deleted", AuditRecord.facts());
            return Response.noContent().build();
        });
    }

    // ---- leaver, hygiene, owner-attestation and review-guests settings: always present (defaults until set), so PUT answers 200 and DELETE resets

    @GET
    @Path("policies/{settings: leaver|hygiene|owner-attestation|review-guests}")
    public Response settingsPolicy(@PathParam("settings") String name) {
        return read(() -> Response.ok(SETTINGS.get(name).effective(realm)).build());
    }

    @PUT
    @Path("policies/{settings: leaver|hygiene|owner-attestation|review-guests}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putSettingsPolicy(@PathParam("settings") String name, InputStream body) {
        return write(() -> {
            SettingsPolicy policy = SETTINGS.get(name);
            policy.put(session, realm, BoundedBody.json(body, JsonNode.class, 8192));
            ObjectNode stored = policy.effective(realm);
            recordPolicy(OperationType.UPDATE, name, "updated", stored.deepCopy());
            return Response.ok(stored).build();
        });
    }

    @DELETE
    @Path("policies/{settings: leaver|hygiene|owner-attestation|review-guests}")
    public Response resetSettingsPolicy(@PathParam("settings") String name) {
        return write(() -> {
            SETTINGS.get(name).reset(realm);
            recordPolicy(OperationType.DELETE, name, "reset", AuditRecord.facts());
            return Response.noContent().build();
        });
    }

    // ---- runs

    @POST
    @Path("runs")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response runNow(InputStream body) {
        return write(() -> {
            RunRequest request = BoundedBody.json(body, RunRequest.class, 4096);
            if (request.job() == null) {
                throw CityIamException.badRequest("missing_field", "job is required, one of " + engine().registry().names() + ".");
            }
            Job job = engine().registry().job(request.job()).orElseThrow(() ->
                    CityIamException.badRequest("unknown_job", "There is no job '" + request.job() + "'; jobs are " + engine().registry().names() + "."));
            JobEngine.Started started = engine().start(realm, job, "admin:" + caller.name());
            if (started.started()) {
                record(OperationType.ACTION, "CITYIAM_LIFECYCLE_RUN", "lifecycle/runs/" + started.run().id(), "lifecycle.run.started",
                        started.run().id(), AuditRecord.facts("job", job.name()));
            }
            return Response.status(started.started() ? 202 : 200).entity(started.run()).build();
        });
    }

    @GET
    @Path("runs")
    public Response runs(@QueryParam("job") String job, @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> Response.ok(runTable().list(job, Page.of(first, max)).stream().map(RunView::of).toList()).build());
    }

    @GET
    @Path("runs/{id}")
    public Response run(@PathParam("id") String id) {
        return read(() -> Response.ok(RunView.of(runTable().get(id).orElseThrow(() ->
                CityIamException.notFound("run_not_found", "Realm " + realm.getName() + " has no run " + id + ".")))).build());
    }

    // ---- last authentication

    @GET
    @Path("users/{id}/last-authentication")
    public Response lastAuthentication(@PathParam("id") String userId) {
        return read(() -> {
            requireUser(userId);
            return Response.ok(LastAuthView.of(userId, new LastAuthStore(em()).user(userId).orElse(null))).build();
        });
    }

    @GET
    @Path("users/{id}/last-authentication/clients")
    public Response lastAuthenticationByClient(@PathParam("id") String userId, @QueryParam("first") Integer first,
                                               @QueryParam("max") Integer max) {
        return read(() -> {
            Page page = Page.of(first, max);
            requireUser(userId);
            return Response.ok(new LastAuthStore(em()).clients(userId, page).stream().map(LastAuthView::of).toList()).build();
        });
    }

    // ---- notices

    @GET
    @Path("inactivity/notices")
    public Response notices(@QueryParam("user") String userId, @QueryParam("action") String action,
                            @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> {
            Page page = Page.of(first, max);
            if (action != null && !NOTICE_ACTIONS.contains(action)) {
                throw CityIamException.badRequest("invalid_action", "action is one of " + NOTICE_ACTIONS + ".");
            }
            return Response.ok(new InactivityNotices(em(), realm.getId()).list(userId, action, page)).build();
        });
    }

    // ---- findings

    @GET
    @Path("findings")
    public Response findings(@QueryParam("kind") String kind, @QueryParam("status") String status, @QueryParam("subject") String subject,
                             @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> {
            Page page = Page.of(first, max);
            if (kind != null && FindingKind.fromCode(kind) == null) {
                throw CityIamException.badRequest("invalid_kind", "kind is one of " + Arrays.stream(FindingKind.values()).map(FindingKind::code).toList() + ".");
            }
            if (status != null && !FINDING_STATUSES.contains(status)) {
                throw CityIamException.badRequest("invalid_status", "status is one of " + FINDING_STATUSES + ".");
            }
            return Response.ok(findingStore().list(kind, status, subject, page).stream().map(FindingView::of).toList()).build();
        });
    }

    @GET
    @Path("findings/{id}")
    public Response finding(@PathParam("id") String id) {
        return read(() -> Response.ok(FindingView.of(requireFinding(id))).build());
    }

    @POST
    @Path("findings/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response acknowledge(@PathParam("id") String id, InputStream body) {
        return write(() -> {
            Acknowledgement ack = BoundedBody.json(body, Acknowledgement.class, 4096);
            FindingEntity f = requireFinding(id);
            ack.applyTo(f, caller.name(), KeycloakClock.INSTANCE.millis());
            record(OperationType.ACTION, "CITYIAM_LIFECYCLE_FINDING", "lifecycle/findings/" + id, "lifecycle.finding.acknowledged",
                    f.getSubjectId(), AuditRecord.facts("finding_id", id, "kind", f.getKind(), "reason", f.getAckReason()));
            return Response.ok(FindingView.of(f)).build();
        });
    }

    private FindingEntity requireFinding(String id) {
        return findingStore().get(id).orElseThrow(() ->
                CityIamException.notFound("finding_not_found", "Realm " + realm.getName() + " has no finding " + id + "."));
    }

    private FindingStore findingStore() {
        return new FindingStore(session, realm, em());
    }

    // ---- temporary access

    @POST
    @Path("temporary-grants")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response grantTemporarily(InputStream body) {
        return write(() -> {
            TemporaryGrantRequest request = BoundedBody.json(body, TemporaryGrantRequest.class, 8192);
            TemporaryGrantEntity g = temporaryGrants().grant(request, caller.name(), KeycloakClock.INSTANCE.millis());
            record(OperationType.CREATE, "CITYIAM_LIFECYCLE_TEMPORARY_GRANT", "lifecycle/temporary-grants/" + g.getId(),
                    "lifecycle.temporary_access.granted", g.getUserId(), AuditRecord.facts("grant_id", g.getId(), "target", g.getTargetName(),
                            "target_type", g.getTargetType(), "expires_at", java.time.Instant.ofEpochMilli(g.getExpiresAt()).toString(),
                            "reason", g.getReason()));
            return Response.status(201).entity(TemporaryGrantView.of(g)).build();
        });
    }

    @GET
    @Path("temporary-grants")
    public Response temporaryGrants(@QueryParam("user") String userId, @QueryParam("status") String status,
                                    @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> {
            Page page = Page.of(first, max);
            if (status != null && !GRANT_STATUSES.contains(status)) {
                throw CityIamException.badRequest("invalid_status", "status is one of " + GRANT_STATUSES + ".");
            }
            return Response.ok(temporaryGrants().list(userId, status, page).stream().map(TemporaryGrantView::of).toList()).build();
        });
    }

    @GET
    @Path("temporary-grants/{id}")
    public Response temporaryGrant(@PathParam("id") String id) {
        return read(() -> Response.ok(TemporaryGrantView.of(requireGrant(id))).build());
    }

    @DELETE
    @Path("temporary-grants/{id}")
    public Response endTemporaryGrant(@PathParam("id") String id) {
        return write(() -> {
            TemporaryGrantEntity g = requireGrant(id);
            if (!TemporaryGrants.ACTIVE.equals(g.getStatus())) {
                throw CityIamException.conflict("grant_not_active", "Temporary grant " + id + " is " + g.getStatus() + ".");
            }
            temporaryGrants().end(g, TemporaryGrants.ENDED, "admin:" + caller.name(), KeycloakClock.INSTANCE.millis());
            record(OperationType.DELETE, "CITYIAM_LIFECYCLE_TEMPORARY_GRANT", "lifecycle/temporary-grants/" + id,
                    "lifecycle.temporary_access.revoked", g.getUserId(), AuditRecord.facts("grant_id", id, "target", g.getTargetName()));
            return Response.noContent().build();
        });
    }

    @GET
    @Path("temporary-grants/{id}/extension-requests")
    public Response extensionRequests(@PathParam("id") String id) {
        return read(() -> {
            requireGrant(id);
            return Response.ok(new Extensions(session, realm, em()).ofGrant(id).stream().map(ExtensionRequestView::of).toList()).build();
        });
    }

    // ---- owner attestations of clients

    @GET
    @Path("attestations")
    public Response attestations(@QueryParam("client") String clientId, @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> {
            Page page = Page.of(first, max);
            return Response.ok(new Attestations(session, realm, em()).history(clientId, page).stream().map(AttestationView::of).toList()).build();
        });
    }

    private TemporaryGrantEntity requireGrant(String id) {
        return temporaryGrants().get(id).orElseThrow(() ->
                CityIamException.notFound("grant_not_found", "Realm " + realm.getName() + " has no temporary grant " + id + "."));
    }

    private TemporaryGrants temporaryGrants() {
        return new TemporaryGrants(session, realm, em());
    }

    // ---- helpers

    private void requireUser(String userId) {
        UserModel user = session.users().getUserById(realm, userId);
        if (user == null) {
            throw CityIamException.notFound("user_not_found", "Realm " + realm.getName() + " has no user " + userId + ".");
        }
    }

    private JobEngine engine() {
        return JobEngine.of(session);
    }

    private JobRuns runTable() {
        return new JobRuns(em(), realm.getId(), KeycloakClock.INSTANCE);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private Response read(Supplier<Response> body) {
        return Guard.run(session, () -> {
            access.requireRead();
            return body.get();
        });
    }

    private Response write(Supplier<Response> body) {
        return Guard.run(session, () -> {
            access.requireWrite();
            return body.get();
        });
    }

    private void recordPolicy(OperationType op, String policy, String verb, ObjectNode facts) {
        record(op, "CITYIAM_LIFECYCLE_POLICY", "lifecycle/policies/" + policy, "lifecycle.policy." + policy + "." + verb, policy, facts);
    }

    private void record(OperationType op, String type, String path, String action, String subject, ObjectNode facts) {
        AdminChange.record(session, realm, caller, adminEvent, op, type, path, action, subject, facts);
    }
}
