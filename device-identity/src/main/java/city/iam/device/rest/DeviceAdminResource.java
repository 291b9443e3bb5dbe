package city.iam.device.rest;

import com.fasterxml.jackson.databind.JsonNode;

import city.iam.device.registry.DeviceAttributes;

import city.iam.device.anchor.TrustAnchors;
import city.iam.device.ca.CaKeys;
import city.iam.device.ca.DeviceCas;
import city.iam.device.group.EnrollmentGroup;
import city.iam.device.group.Groups;
import city.iam.device.jpa.DeviceCaEntity;
import city.iam.device.jpa.DeviceEntity;
import city.iam.device.jpa.IndividualEnrollmentEntity;
import city.iam.device.jpa.TrustAnchorEntity;
import city.iam.device.registry.DeviceStatus;
import city.iam.device.registry.Devices;
import city.iam.device.registry.FleetOwnerNotice;
import city.iam.kernel.access.AdminCaller;
import city.iam.kernel.access.Caller;
import city.iam.kernel.access.ModuleRole;
import city.iam.kernel.audit.AdminChange;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.error.Guard;
import city.iam.kernel.json.BoundedBody;
import city.iam.kernel.json.Json;
import city.iam.kernel.page.Page;
import city.iam.kernel.time.KeycloakClock;
import com.fasterxml.jackson.annotation.JsonProperty;
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
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Supplier;

/**
 * Admin API of device-identity. Reads need {@code device-admin} or {@code auditor}; changes need
 * {@code device-admin}, and each one is an admin event plus an audit-chain entry.
 */
@Produces(MediaType.APPLICATION_JSON)
public class DeviceAdminResource {

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;
    private final AdminEventBuilder adminEvent;
    private final Clock clock = KeycloakClock.INSTANCE;

    DeviceAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.caller = AdminCaller.of(auth);
        this.adminEvent = adminEvent;
    }

    public record AnchorUpload(@JsonProperty("certificate") String certificate, @JsonProperty("purpose") String purpose) {
    }

    public record CaImport(@JsonProperty("certificate") String certificate, @JsonProperty("private_key") String privateKey) {
    }

    public record EnrollmentUpdate(@JsonProperty("mode") String mode, @JsonProperty("note") String note) {
    }

    // ---- trust anchors

    @GET
    @Path("trust-anchors")
    public Response anchors() {
        return read(() -> Response.ok(anchorsService().list().stream().map(DeviceViews.Anchor::of).toList()).build());
    }

    @POST
    @Path("trust-anchors")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addAnchor(InputStream body) {
        return write(() -> {
            AnchorUpload upload = BoundedBody.json(body, AnchorUpload.class, 64 * 1024);
            TrustAnchorEntity e = anchorsService().add(upload.certificate(), upload.purpose());
            record(OperationType.CREATE, "CITYIAM_DEVICE_ANCHOR", "trust-anchors/" + e.getPin(), "device-identity.anchor.added",
                    e.getPin(), AuditRecord.facts("purpose", e.getPurpose(), "subject", e.getSubject()));
            return Response.status(201).entity(DeviceViews.Anchor.of(e)).build();
        });
    }

    @DELETE
    @Path("trust-anchors/{pin}")
    public Response removeAnchor(@PathParam("pin") String pin) {
        return write(() -> {
            TrustAnchorEntity e = anchorsService().remove(pin);
            record(OperationType.DELETE, "CITYIAM_DEVICE_ANCHOR", "trust-anchors/" + pin, "device-identity.anchor.removed",
                    pin, AuditRecord.facts("purpose", e.getPurpose(), "subject", e.getSubject()));
            return Response.noContent().build();
        });
    }

    // ---- device CA

    @GET
    @Path("ca")
    public Response cas() {
        return read(() -> {
            DeviceCas cas = casService();
            cas.active();
            return Response.ok(cas.all().stream().map(DeviceViews.Ca::of).toList()).build();
        });
    }

    public record CaGeneration(@JsonProperty("realm_key") String realmKey) {
    }

    /**
     * A new active CA: with no body its key is generated and kept in the module's table; with {@code realm_key}
     * the CA signs with that Keycloak realm key, which never leaves Keycloak's key store.
     */
    @POST
    @Path("ca/generate")
    public Response generateCa(InputStream body) {
        return write(() -> {
            byte[] raw = BoundedBody.read(body, 4096);
            CaGeneration request = raw.length == 0 ? new CaGeneration(null) : Json.read(raw, CaGeneration.class);
            DeviceCaEntity e = request.realmKey() == null ? casService().generate() : casService().generate(request.realmKey());
            record(OperationType.CREATE, "CITYIAM_DEVICE_CA", "ca/" + e.getId(), "device-identity.ca.generated", e.getId(),
                    AuditRecord.facts("realm_key", e.getKeyId()));
            return Response.status(201).entity(DeviceViews.Ca.of(e)).build();
        });
    }

    @PUT
    @Path("ca")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importCa(InputStream body) {
        return write(() -> {
            CaImport upload = BoundedBody.json(body, CaImport.class, 64 * 1024);
            DeviceCaEntity e = casService().importCa(upload.certificate(), upload.privateKey());
            record(OperationType.CREATE, "CITYIAM_DEVICE_CA", "ca/" + e.getId(), "device-identity.ca.imported", e.getId(), AuditRecord.facts());
            return Response.status(201).entity(DeviceViews.Ca.of(e)).build();
        });
    }

    // ---- enrollment groups

    @GET
    @Path("groups")
    public Response groups() {
        return read(() -> Response.ok(groupsService().list()).build());
    }

    @GET
    @Path("groups/{name}")
    public Response group(@PathParam("name") String name) {
        return read(() -> Response.ok(groupsService().require(name)).build());
    }

    @PUT
    @Path("groups/{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putGroup(@PathParam("name") String name, InputStream body) {
        return write(() -> {
            EnrollmentGroup group = BoundedBody.json(body, EnrollmentGroup.class, 64 * 1024);
            if (group.name() != null && !group.name().equals(name)) {
                throw CityIamException.badRequest("invalid_group", "The name in the body differs from the name in the path.");
            }
            EnrollmentGroup named = withName(group, name);
            for (String pin : named.anchors() == null ? java.util.List.<String>of() : named.anchors()) {
                if (anchorsService().find(pin).isEmpty()) {
                    throw CityIamException.badRequest("unknown_anchor", "No trust anchor is pinned as " + pin + ".");
                }
            }
            boolean created = groupsService().put(named);
            city.iam.device.fleet.FleetClients.ensure(session, realm, named);
            record(created ? OperationType.CREATE : OperationType.UPDATE, "CITYIAM_DEVICE_GROUP", "groups/" + name,
                    created ? "device-identity.group.created" : "device-identity.group.updated", name, Json.MAPPER.valueToTree(named));
            return Response.status(created ? 201 : 200).entity(named).build();
        });
    }

    @DELETE
    @Path("groups/{name}")
    public Response deleteGroup(@PathParam("name") String name) {
        return write(() -> {
            groupsService().delete(name);
            record(OperationType.DELETE, "CITYIAM_DEVICE_GROUP", "groups/" + name, "device-identity.group.deleted", name, AuditRecord.facts());
            return Response.noContent().build();
        });
    }

    @GET
    @Path("groups/{name}/enrollments")
    public Response enrollments(@PathParam("name") String name) {
        return read(() -> Response.ok(groupsService().enrollments(name).stream().map(DeviceViews.Enrollment::of).toList()).build());
    }

    @PUT
    @Path("groups/{name}/enrollments/{serial}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putEnrollment(@PathParam("name") String name, @PathParam("serial") String serial, InputStream body) {
        return write(() -> {
            EnrollmentUpdate update = BoundedBody.json(body, EnrollmentUpdate.class, 4096);
            IndividualEnrollmentEntity e = groupsService().putEnrollment(name, serial, update.mode(), update.note());
            record(OperationType.UPDATE, "CITYIAM_DEVICE_ENROLLMENT", "groups/" + name + "/enrollments/" + serial,
                    "device-identity.enrollment." + e.getMode(), name + "/" + serial, AuditRecord.facts("mode", e.getMode(), "note", e.getNote()));
            return Response.ok(DeviceViews.Enrollment.of(e)).build();
        });
    }

    @DELETE
    @Path("groups/{name}/enrollments/{serial}")
    public Response deleteEnrollment(@PathParam("name") String name, @PathParam("serial") String serial) {
        return write(() -> {
            groupsService().deleteEnrollment(name, serial);
            record(OperationType.DELETE, "CITYIAM_DEVICE_ENROLLMENT", "groups/" + name + "/enrollments/" + serial,
                    "device-identity.enrollment.removed", name + "/" + serial, AuditRecord.facts());
            return Response.noContent().build();
        });
    }

    // ---- devices

    @GET
    @Path("devices")
    public Response devices(@QueryParam("status") String status, @QueryParam("group") String group,
                            @QueryParam("expires_before") String expiresBefore,
                            @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> {
            DeviceStatus s = status == null || status.isBlank() ? null : DeviceStatus.of(status);
            Instant before = instant("expires_before", expiresBefore);
            return Response.ok(devicesService().search(s, blankToNull(group), before, Page.of(first, max)).stream()
                    .map(d -> DeviceViews.Device.of(d, null)).toList()).build();
        });
    }

    /** DI-17: fleet counts and the checks an operator reviews (device-admin or auditor). */
    @GET
    @Path("fleet-report")
    public Response fleetReport(@QueryParam("expiring_within") String expiringWithin) {
        return read(() -> {
            java.time.Duration window;
            try {
                window = expiringWithin == null || expiringWithin.isBlank() ? java.time.Duration.ofDays(30) : java.time.Duration.parse(expiringWithin);
            } catch (java.time.format.DateTimeParseException e) {
                throw CityIamException.badRequest("invalid_duration", "expiring_within must be an ISO-8601 duration such as P30D.");
            }
            if (window.isNegative() || window.compareTo(java.time.Duration.ofDays(3650)) > 0) {
                throw CityIamException.badRequest("invalid_duration", "expiring_within must be between PT0S and P3650D.");
            }
            return Response.ok(new city.iam.device.registry.FleetReport(em(), realm.getId()).build(clock.instant(), window)).build();
        });
    }

    @GET
    @Path("devices/{deviceId}")
    public Response device(@PathParam("deviceId") String deviceId) {
        return read(() -> {
            Devices devices = devicesService();
            DeviceEntity d = devices.require(deviceId);
            return Response.ok(DeviceViews.Device.of(d, devices.certificates(d))).build();
        });
    }

    /** Replaces the device's attributes (model, site, owner team, ...): a flat object of strings. */
    @PUT
    @Path("devices/{deviceId}/attributes")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putAttributes(@PathParam("deviceId") String deviceId, InputStream body) {
        return write(() -> {
            java.util.SortedMap<String, String> attributes = DeviceAttributes.parse(BoundedBody.json(body, JsonNode.class, 32 * 1024));
            Devices devices = devicesService();
            DeviceEntity d = devices.require(deviceId);
            java.util.SortedMap<String, String> before = DeviceAttributes.read(d.getAttributes());
            d.setAttributes(DeviceAttributes.store(attributes));
            d.setUpdatedAt(clock.millis());
            ObjectNode facts = AuditRecord.facts();
            facts.set("before", Json.MAPPER.valueToTree(before));
            facts.set("after", Json.MAPPER.valueToTree(attributes));
            record(OperationType.UPDATE, "CITYIAM_DEVICE", "devices/" + deviceId + "/attributes", "device-identity.device.attributes",
                    deviceId, facts);
            return Response.ok(DeviceViews.Device.of(d, devices.certificates(d))).build();
        });
    }

    @POST
    @Path("devices/{deviceId}/approve")
    public Response approve(@PathParam("deviceId") String deviceId) {
        return write(() -> transition(deviceId, DeviceStatus.PENDING, DeviceStatus.ACTIVE, "approved by administrator",
                "device-identity.device.approved"));
    }

    public record Revocation(@JsonProperty("reason") String reason) {
    }

    /**
     * Revokes the device: every certificate goes on the CRL with the reason, new tokens are refused, existing
     * tokens fail introspection at once, and the device cannot enrol again until reinstated (tombstone).
     */
    @POST
    @Path("devices/{deviceId}/revoke")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response revoke(@PathParam("deviceId") String deviceId, InputStream body) {
        return write(() -> {
            Revocation revocation = BoundedBody.json(body, Revocation.class, 4096);
            String reason = revocation.reason() == null ? "unspecified" : revocation.reason();
            if (city.iam.device.pki.CertificateAuthority.reasonCode(reason) < 0) {
                throw CityIamException.badRequest("invalid_reason", "reason must be an RFC 5280 reason such as keyCompromise, "
                        + "cessationOfOperation, superseded, affiliationChanged, privilegeWithdrawn or unspecified.");
            }
            retire(deviceId, DeviceStatus.REVOKED, reason, "device-identity.device.revoked");
            return Response.noContent().build();
        });
    }

    public record Signal(@JsonProperty("type") String type, @JsonProperty("detail") String detail) {
    }

    static final java.util.Set<String> SIGNALS = java.util.Set.of("telemetry-anomaly", "clone-suspected",
            "attestation-failed", "token-rate-anomaly", "tamper-detected", "other");

    /**
     * A security signal about a device from a SIEM or the data platform (role {@code device-signal-writer}):
     * the device is quarantined at once — its tokens stop introspecting as active and new ones carry only
     * the remediation scope until fresh attestation or an administrator releases it.
     */
    @POST
    @Path("devices/{deviceId}/signals")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response signal(@PathParam("deviceId") String deviceId, InputStream body) {
        return Guard.run(session, () -> {
            caller.require(realm, ModuleRole.DEVICE_SIGNAL_WRITER, ModuleRole.DEVICE_ADMIN);
            Signal signal = BoundedBody.json(body, Signal.class, 8192);
            if (signal.type() == null || !SIGNALS.contains(signal.type())) {
                throw CityIamException.badRequest("invalid_signal", "type must be one of " + new java.util.TreeSet<>(SIGNALS) + ".");
            }
            if (signal.detail() != null && signal.detail().length() > 1000) {
                throw CityIamException.badRequest("invalid_signal", "detail is limited to 1000 characters.");
            }
            DeviceEntity d = devicesService().require(deviceId);
            String before = d.getStatus();
            if (before.equals(DeviceStatus.ACTIVE.value())) {
                d.setStatus(DeviceStatus.QUARANTINED.value());
                d.setStatusReason("signal: " + signal.type());
                d.setUpdatedAt(clock.millis());
                FleetOwnerNotice.afterCommit(session, realm, d, caller.name());
            }
            ObjectNode facts = AuditRecord.facts("signal", signal.type(), "detail", signal.detail(), "previous_status", before, "status", d.getStatus());
            record(OperationType.ACTION, "CITYIAM_DEVICE", "devices/" + deviceId + "/signals", "device-identity.device.signal", deviceId, facts);
            return Response.status(202).entity(java.util.Map.of("device_id", deviceId, "status", d.getStatus())).build();
        });
    }

    /**
     * An administrator's quarantine (also "suspend"): the device keeps only its remediation scope until
     * released. Same effect as a signal, but by a {@code device-admin}.
     */
    @POST
    @Path("devices/{deviceId}/quarantine")
    public Response quarantine(@PathParam("deviceId") String deviceId) {
        return write(() -> transition(deviceId, DeviceStatus.ACTIVE, DeviceStatus.QUARANTINED, "quarantined by administrator",
                "device-identity.device.quarantined"));
    }

    /** Takes a device out of service for good: its certificates are revoked (cessationOfOperation). */
    @POST
    @Path("devices/{deviceId}/decommission")
    public Response decommission(@PathParam("deviceId") String deviceId) {
        return write(() -> Response.ok(DeviceViews.Device.of(
                retire(deviceId, DeviceStatus.DECOMMISSIONED, "cessationOfOperation", "device-identity.device.decommissioned"), null)).build());
    }

    /** Revocation and decommissioning: every certificate goes on the CRL with the reason, then the status. */
    private DeviceEntity retire(String deviceId, DeviceStatus to, String reason, String action) {
        DeviceEntity d = devicesService().require(deviceId);
        if (d.getStatus().equals(to.value())) {
            throw CityIamException.conflict("invalid_transition", "Device " + deviceId + " is already " + to.value() + ".");
        }
        int certs = new city.iam.device.registry.DeviceCertificates(em(), realm.getId(), clock).revokeAll(d, reason);
        ObjectNode facts = AuditRecord.facts("previous_status", d.getStatus());
        facts.put("certificates_revoked", certs);
        return applyStatus(d, to, reason, action, facts);
    }

    private Response transition(String deviceId, DeviceStatus from, DeviceStatus to, String reason, String action) {
        DeviceEntity d = devicesService().require(deviceId);
        if (!d.getStatus().equals(from.value())) {
            throw CityIamException.conflict("invalid_transition", "Device " + deviceId + " is " + d.getStatus() + ", not " + from.value() + ".");
        }
        return Response.ok(DeviceViews.Device.of(applyStatus(d, to, reason, action, AuditRecord.facts("previous_status", d.getStatus())), null)).build();
    }

    /** Every administrative status change: the new status with its reason, an admin event and a chain entry. */
    private DeviceEntity applyStatus(DeviceEntity d, DeviceStatus to, String reason, String action, ObjectNode facts) {
        d.setStatus(to.value());
        d.setStatusReason(reason);
        d.setUpdatedAt(clock.millis());
        facts.put("status", to.value());
        facts.put("reason", reason);
        record(OperationType.UPDATE, "CITYIAM_DEVICE", "devices/" + d.getDeviceId(), action, d.getDeviceId(), facts);
        if (to == DeviceStatus.QUARANTINED || to == DeviceStatus.REVOKED) {
            FleetOwnerNotice.afterCommit(session, realm, d, caller.name());
        }
        return d;
    }

    /** An administrator's release from quarantine. */
    @POST
    @Path("devices/{deviceId}/release")
    public Response release(@PathParam("deviceId") String deviceId) {
        return write(() -> transition(deviceId, DeviceStatus.QUARANTINED, DeviceStatus.ACTIVE, "released by administrator",
                "device-identity.device.released"));
    }

    /** Lifts the tombstone: the device may enrol again through its group with fresh proof and a new key. */
    @POST
    @Path("devices/{deviceId}/reinstate")
    public Response reinstate(@PathParam("deviceId") String deviceId) {
        return write(() -> transition(deviceId, DeviceStatus.REVOKED, DeviceStatus.ACTIVE, "reinstated", "device-identity.device.reinstated"));
    }

    // ---- plumbing

    private Response read(Supplier<Response> body) {
        return Guard.as(session, caller, realm, body, ModuleRole.DEVICE_ADMIN, ModuleRole.AUDITOR);
    }

    private Response write(Supplier<Response> body) {
        return Guard.as(session, caller, realm, body, ModuleRole.DEVICE_ADMIN);
    }

    private void record(OperationType op, String type, String path, String action, String subject, com.fasterxml.jackson.databind.JsonNode facts) {
        AdminChange.record(session, realm, caller, adminEvent, op, type, path, action, subject, facts);
    }


    private static EnrollmentGroup withName(EnrollmentGroup g, String name) {
        return new EnrollmentGroup(name, g.description(), g.enabled(), g.anchors(), g.evidenceTypes(), g.serialAllowlist(),
                g.serialPattern(), g.quota(), g.deviceIdTemplate(), g.certificateValidity(), g.autoApprove(), g.minFirmware(),
                g.requireSecureBoot(), g.requireDebugDisabled(), g.scopes(), g.roles(), g.audiences(), g.tokenBinding(), g.rotationOverlap(), g.owner());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CityIamException.badRequest("invalid_time", name + " must be an ISO-8601 instant.");
        }
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private TrustAnchors anchorsService() {
        return new TrustAnchors(em(), realm.getId(), clock);
    }

    private DeviceCas casService() {
        return new DeviceCas(em(), realm.getId(), realm.getName(), clock, CaKeys.of(session, realm));
    }

    private Groups groupsService() {
        return new Groups(em(), realm.getId(), clock);
    }

    private Devices devicesService() {
        return new Devices(em(), realm.getId());
    }
}
