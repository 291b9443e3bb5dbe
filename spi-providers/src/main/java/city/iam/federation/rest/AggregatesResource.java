package city.iam.federation.rest;

import city.iam.federation.aggregate.AggregateDefinition;
import city.iam.federation.aggregate.AggregateRefreshJob;
import city.iam.kernel.job.JobEngine;
import city.iam.federation.aggregate.AggregateService;
import city.iam.federation.aggregate.AggregateStore;
import city.iam.federation.aggregate.IdpSync;
import city.iam.kernel.access.AdminCaller;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AdminChange;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.error.Guard;
import city.iam.kernel.json.BoundedBody;
import city.iam.kernel.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.events.admin.OperationType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.io.InputStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /admin/realms/{realm}/federation/aggregates}: register SAML metadata aggregates (B6), import an uploaded
 * document or refresh from the URL now. Keycloak's own IdP permissions apply: reads need
 * {@code view-identity-providers}, changes {@code manage-identity-providers}. A refused document (signature,
 * validUntil, malformed, oversized) is a 4xx and changes nothing.
 */
@Produces(MediaType.APPLICATION_JSON)
public class AggregatesResource {

    private static final String TYPE = "CITYIAM_FEDERATION_AGGREGATE";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final AdminPermissionEvaluator auth;
    private final AdminEventBuilder adminEvent;
    private final AggregateStore store;

    AggregatesResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.auth = auth;
        this.adminEvent = adminEvent;
        this.store = new AggregateStore(realm);
    }

    /** A definition with its last import status. */
    record View(AggregateDefinition definition, AggregateStore.Status status) {
        ObjectNode json() {
            ObjectNode n = (ObjectNode) Json.MAPPER.valueToTree(definition);
            if (status != null) {
                n.set("status", Json.MAPPER.valueToTree(status));
            }
            return n;
        }
    }

    @GET
    public Response list() {
        return read(() -> {
            List<ObjectNode> views = store.all().stream().map(d -> new View(d, store.status(d.name()).orElse(null)).json()).toList();
            return Response.ok(views).build();
        });
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return read(() -> Response.ok(new View(require(name), store.status(name).orElse(null)).json()).build());
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, InputStream body) {
        return write(() -> {
            AggregateDefinition.checkName(name);
            AggregateDefinition def = BoundedBody.json(body, AggregateDefinition.class).validated(name);
            boolean created = store.get(name).isEmpty();
            store.put(def);
            ObjectNode facts = AuditRecord.facts("name", name, "url", def.url() == null ? "(upload only)" : def.url(),
                    "signing_certificate_subject", def.certificate().getSubjectX500Principal().getName());
            AdminChange.record(session, realm, AdminCaller.of(auth), adminEvent, created ? OperationType.CREATE : OperationType.UPDATE,
                    TYPE, "federation/aggregates/" + name, "federation.aggregate." + (created ? "create" : "update"), name, facts);
            return Response.status(created ? 201 : 200).entity(new View(def, null).json()).build();
        });
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        return write(() -> {
            require(name);
            int disabled = IdpSync.disableAll(session.getKeycloakSessionFactory(), realm.getId(), name);
            store.remove(name);
            ObjectNode facts = AuditRecord.facts("name", name);
            facts.put("idps_disabled", disabled);
            AdminChange.record(session, realm, AdminCaller.of(auth), adminEvent, OperationType.DELETE, TYPE,
                    "federation/aggregates/" + name, "federation.aggregate.delete", name, facts);
            return Response.noContent().build();
        });
    }

    /** Imports an uploaded aggregate document (the body is the XML). */
    @POST
    @Path("{name}/import")
    @Consumes({"application/samlmetadata+xml", MediaType.APPLICATION_XML, MediaType.TEXT_XML, MediaType.APPLICATION_OCTET_STREAM})
    public Response importDocument(@PathParam("name") String name, InputStream body) {
        return write(() -> {
            AggregateDefinition def = require(name);
            byte[] xml = BoundedBody.read(body, def.byteLimit());
            if (xml.length == 0) {
                throw CityIamException.badRequest("missing_body", "Send the aggregate document as the request body.");
            }
            return changed(AggregateService.importDocument(session, realm, def, xml, actor(), "upload"));
        });
    }

    /** Downloads the aggregate from its URL and imports it now (the scheduled job does the same). */
    @POST
    @Path("{name}/refresh")
    public Response refresh(@PathParam("name") String name) {
        return write(() -> changed(AggregateService.refresh(session, realm, require(name), actor(), "admin")));
    }

    /** Starts the scheduled refresh job now (all aggregates whose interval has passed); answers the run. */
    @POST
    @Path("refresh-due")
    public Response refreshDue() {
        return write(() -> {
            JobEngine engine = JobEngine.of(session);
            JobEngine.Started started = engine.start(realm, engine.registry().job(AggregateRefreshJob.NAME).orElseThrow(), "admin");
            return Response.status(started.started() ? 202 : 200).entity(started.run()).build();
        });
    }

    private Response changed(AggregateService.Summary summary) {
        adminEvent.operation(OperationType.ACTION).resource(TYPE).resourcePath("federation/aggregates/" + summary.aggregate())
                .representation(summary).success();
        return Response.ok(summary).build();
    }

    private Actor actor() {
        return Actor.of(AdminCaller.of(auth));
    }

    private AggregateDefinition require(String name) {
        AggregateDefinition.checkName(name);
        return store.get(name).orElseThrow(() -> CityIamException.notFound("aggregate_not_found", "No aggregate named " + name + " in this realm."));
    }

    private Response read(Supplier<Response> body) {
        return Guard.run(session, () -> {
            if (!auth.realm().canViewIdentityProviders()) {
                throw CityIamException.forbidden("This needs the view-identity-providers role (realm-management) in realm " + realm.getName() + ".");
            }
            return body.get();
        });
    }

    private Response write(Supplier<Response> body) {
        return Guard.run(session, () -> {
            if (!auth.realm().canManageIdentityProviders()) {
                throw CityIamException.forbidden("This needs the manage-identity-providers role (realm-management) in realm " + realm.getName() + ".");
            }
            return body.get();
        });
    }
}
