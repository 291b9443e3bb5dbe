package city.iam.review.rest;

import city.iam.kernel.access.AdminCaller;
import city.iam.kernel.access.Caller;
import city.iam.kernel.access.ModuleRole;
import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AdminChange;
import city.iam.kernel.audit.AuditLogs;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.error.Guard;
import city.iam.kernel.json.BoundedBody;
import city.iam.kernel.json.Json;
import city.iam.kernel.page.Page;
import city.iam.kernel.time.KeycloakClock;
import city.iam.review.campaign.CampaignLauncher;
import city.iam.review.campaign.Campaigns;
import city.iam.review.campaign.Drift;
import city.iam.review.campaign.GrantCertifications;
import city.iam.review.campaign.Preview;
import city.iam.review.campaign.Progress;
import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinitions;
import city.iam.review.jpa.CampaignEntity;
import city.iam.review.jpa.ItemEntity;
import city.iam.review.notice.ReviewNotices;
import city.iam.review.remediation.StageCloser;
import city.iam.review.sod.SodRules;
import city.iam.review.sod.SodRulesDocument;
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

import java.io.BufferedWriter;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code /admin/realms/{realm}/access-reviews}: definitions (CRUD, dry-run preview, grants with their certification
 * dates), campaigns (launch now, list,
 * items, progress aggregates, close the current stage) and the campaign report (JSON, CSV). Changes need {@code review-admin};
 * reads also {@code auditor}. Every change, and every report export, is an admin event plus an audit entry in
 * the transaction of the change.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ReviewAdminResource {

    private static final int DEFINITION_BYTES = 64 * 1024;
    private static final String DEFINITION = "CITYIAM_REVIEW_DEFINITION";
    private static final String CAMPAIGN = "CITYIAM_REVIEW_CAMPAIGN";
    private static final String SOD_RULES = "CITYIAM_REVIEW_SOD_RULES";

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;
    private final AdminEventBuilder adminEvent;

    ReviewAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.caller = AdminCaller.of(auth);
        this.adminEvent = adminEvent;
    }

    // ---- definitions

    @GET
    @Path("definitions")
    public Response definitions() {
        return read(() -> Response.ok(ReviewDefinitions.list(realm)).build());
    }

    @GET
    @Path("definitions/{id}")
    public Response definition(@PathParam("id") String id) {
        return read(() -> Response.ok(ReviewDefinitions.require(realm, id)).build());
    }

    @POST
    @Path("definitions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(InputStream body) {
        return write(() -> {
            DefinitionDocument wanted = BoundedBody.json(body, DefinitionDocument.class, DEFINITION_BYTES);
            if (wanted.id() != null && ReviewDefinitions.document(realm, wanted.id()).isPresent()) {
                throw CityIamException.conflict("definition_exists", "Definition '" + wanted.id() + "' exists; PUT a new version instead.");
            }
            DefinitionDocument stored = ReviewDefinitions.put(session, realm, wanted, KeycloakClock.INSTANCE.instant());
            record(OperationType.CREATE, DEFINITION, "definitions/" + stored.id(), "review.definition.created", stored.id(), stored);
            return Response.status(201).entity(stored).build();
        });
    }

    @PUT
    @Path("definitions/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response update(@PathParam("id") String id, InputStream body) {
        return write(() -> {
            ReviewDefinitions.require(realm, id);
            DefinitionDocument wanted = BoundedBody.json(body, DefinitionDocument.class, DEFINITION_BYTES);
            if (wanted.id() != null && !wanted.id().equals(id)) {
                throw CityIamException.badRequest("id_mismatch", "The body's id '" + wanted.id() + "' is not the path's '" + id + "'.");
            }
            DefinitionDocument stored = ReviewDefinitions.put(session, realm, wanted.asSentFor(id), KeycloakClock.INSTANCE.instant());
            record(OperationType.UPDATE, DEFINITION, "definitions/" + id, "review.definition.updated", id, stored);
            return Response.ok(stored).build();
        });
    }

    @DELETE
    @Path("definitions/{id}")
    public Response delete(@PathParam("id") String id) {
        return write(() -> {
            ReviewDefinitions.require(realm, id);
            ReviewDefinitions.remove(realm, id);
            record(OperationType.DELETE, DEFINITION, "definitions/" + id, "review.definition.deleted", id, AuditRecord.facts());
            return Response.noContent().build();
        });
    }

    @POST
    @Path("definitions/{id}/preview")
    public Response preview(@PathParam("id") String id) {
        return write(() -> Response.ok(Preview.of(session, realm, em(), ReviewDefinitions.definition(ReviewDefinitions.require(realm, id)))).build());
    }

    /**
     * One page of the grants in the definition's scope with when each was last certified and is next due (see
     * {@link GrantCertifications} for the order and the cost). Paging parameters are read as text so that a
     * non-number is a 400 like a negative one.
     */
    @GET
    @Path("definitions/{id}/grants")
    public Response grants(@PathParam("id") String id, @QueryParam("first") String first, @QueryParam("max") String max) {
        return read(() -> {
            Page page = Page.of(number("first", first), number("max", max));
            if (page.max() > GrantCertifications.MAX_PAGE) {
                throw CityIamException.badRequest("invalid_paging", "max must be between 1 and " + GrantCertifications.MAX_PAGE + " here.");
            }
            return Response.ok(GrantCertifications.page(session, realm, em(),
                    ReviewDefinitions.definition(ReviewDefinitions.require(realm, id)), page)).build();
        });
    }

    private static Integer number(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw CityIamException.badRequest("invalid_paging", name + " must be a whole number, not '" + value + "'.");
        }
    }

    // ---- segregation-of-duties rules

    @GET
    @Path("sod-rules")
    public Response sodRules() {
        return read(() -> Response.ok(SodRules.document(realm)).build());
    }

    @PUT
    @Path("sod-rules")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putSodRules(InputStream body) {
        return write(() -> {
            SodRulesDocument wanted = BoundedBody.json(body, SodRulesDocument.class, DEFINITION_BYTES);
            SodRulesDocument stored = SodRules.put(session, realm, em(), wanted, KeycloakClock.INSTANCE.instant());
            record(OperationType.UPDATE, SOD_RULES, "sod-rules", "review.sod-rules.updated", "sod-rules", stored);
            return Response.ok(stored).build();
        });
    }

    // ---- campaigns

    @POST
    @Path("campaigns")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response launch(InputStream body) {
        return write(() -> {
            LaunchRequest request = BoundedBody.json(body, LaunchRequest.class, 4096);
            if (request.definitionId() == null) {
                throw CityIamException.badRequest("missing_field", "definition_id is required.");
            }
            DefinitionDocument stored = ReviewDefinitions.require(realm, request.definitionId());
            CampaignEntity c = new CampaignLauncher(session, realm, em())
                    .launch(stored, null, Actor.of(caller), CampaignLauncher.ADMIN_TRIGGER + caller.name(), KeycloakClock.INSTANCE.millis());
            adminEvent.operation(OperationType.CREATE).resource(CAMPAIGN).resourcePath("campaigns/" + c.getId())
                    .representation(CampaignView.of(c)).success();
            return Response.status(201).entity(CampaignView.of(c)).build();
        });
    }

    @GET
    @Path("campaigns")
    public Response campaigns(@QueryParam("definition") String definitionId, @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> Response.ok(campaignTable().list(definitionId, Page.of(first, max)).stream().map(CampaignView::of).toList()).build());
    }

    @GET
    @Path("campaigns/{id}")
    public Response campaign(@PathParam("id") String id) {
        return read(() -> Response.ok(CampaignView.of(campaignTable().require(id))).build());
    }

    @GET
    @Path("campaigns/{id}/items")
    public Response items(@PathParam("id") String id, @QueryParam("state") String state, @QueryParam("first") Integer first,
                          @QueryParam("max") Integer max) {
        return read(() -> {
            Page page = Page.of(first, max);
            CampaignEntity c = campaignTable().require(id);
            List<ItemEntity> items = switch (state == null ? "all" : state) {
                case "all" -> campaignTable().items(id, page);
                case "overdue" -> new ReviewNotices(em(), realm.getId()).overdue(id, c.getStage(), page.first(), page.max());
                default -> throw CityIamException.badRequest("invalid_state", "state is overdue, or absent for all items.");
            };
            return Response.ok(items.stream().map(ItemView::of).toList()).build();
        });
    }

    @GET
    @Path("campaigns/{id}/progress")
    public Response progress(@PathParam("id") String id, @QueryParam("bucket") String bucket,
                             @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> {
            Page page = Page.of(first, max);
            CampaignEntity c = campaignTable().require(id);
            Progress.Bucket width = Progress.Bucket.parse(bucket, c.getCreatedAt(), KeycloakClock.INSTANCE.millis());
            return Response.ok(ProgressView.of(session, realm, new Progress(em()), new ReviewNotices(em(), realm.getId()), c, width, page)).build();
        });
    }

    @GET
    @Path("campaigns/{id}/notices")
    public Response notices(@PathParam("id") String id, @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> {
            campaignTable().require(id);
            Page page = Page.of(first, max);
            return Response.ok(new ReviewNotices(em(), realm.getId()).of(id, page.first(), page.max()).stream()
                    .map(n -> NoticeView.of(session, realm, n)).toList()).build();
        });
    }

    @GET
    @Path("campaigns/{id}/drift")
    public Response drift(@PathParam("id") String id) {
        return read(() -> {
            CampaignEntity c = campaignTable().require(id);
            if (!Drift.applies(c)) {
                throw CityIamException.conflict("drift_not_applicable", "Campaign " + id + " reviews the access of the people its trigger ("
                        + c.getTriggeredBy() + ") named, not its definition's whole scope: it has no drift.");
            }
            return Response.ok(Drift.of(session, realm, campaignTable(), id, StageCloser.definition(c))).build();
        });
    }

    @POST
    @Path("campaigns/{id}/close-stage")
    public Response closeStage(@PathParam("id") String id) {
        return write(() -> {
            StageCloser.Closed closed = new StageCloser(session, realm, campaignTable()).closeStage(id, Actor.of(caller), KeycloakClock.INSTANCE.millis());
            adminEvent.operation(OperationType.ACTION).resource(CAMPAIGN).resourcePath("campaigns/" + id + "/close-stage")
                    .representation(closed).success();
            return Response.ok(CampaignView.of(campaignTable().require(id))).build();
        });
    }

    @GET
    @Path("campaigns/{id}/report")
    public Response report(@PathParam("id") String id, @QueryParam("format") String format) {
        return read(() -> {
            CampaignEntity c = campaignTable().require(id);
            boolean csv = "csv".equals(format);
            if (format != null && !csv && !"json".equals(format)) {
                throw CityIamException.badRequest("invalid_format", "format is json or csv.");
            }
            CampaignReport report = new CampaignReport(session, realm, campaignTable());
            TempExport export = TempExport.write("report", out -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                if (csv) {
                    report.csv(c, w);
                } else {
                    report.json(c, w);
                }
                w.flush();
            });
            return answer(export, () -> record(OperationType.ACTION, CAMPAIGN, "campaigns/" + id + "/report", "review.report.exported", id,
                    AuditRecord.facts("format", csv ? "csv" : "json", "snapshot_hash", c.getSnapshotHash(), "sha256", export.sha256())),
                    csv ? Response.ok(export.stream(), "text/csv; charset=utf-8")
                            .header("Content-Disposition", "attachment; filename=\"campaign-" + id + ".csv\"")
                            : Response.ok(export.stream(), MediaType.APPLICATION_JSON_TYPE));
        });
    }

    @GET
    @Path("campaigns/{id}/evidence")
    @Produces({"application/zip", MediaType.APPLICATION_JSON})
    public Response evidence(@PathParam("id") String id) {
        return read(() -> {
            CampaignEntity c = campaignTable().require(id);
            TempExport zip = new EvidencePack(new CampaignReport(session, realm, campaignTable()), AuditLogs.of(session, realm),
                    new ManifestSigner(session, realm)).write(c);
            return answer(zip, () -> record(OperationType.ACTION, CAMPAIGN, "campaigns/" + id + "/evidence", "review.evidence.exported", id,
                    AuditRecord.facts("sha256", zip.sha256(), "snapshot_hash", c.getSnapshotHash())),
                    Response.ok(zip.stream(), "application/zip").header("Content-Disposition", "attachment; filename=\"evidence-" + id + ".zip\""));
        });
    }

    /** Records the export, then answers its file; a failure to record removes the file and answers no export. */
    private static Response answer(TempExport export, Runnable record, Response.ResponseBuilder ok) {
        try {
            record.run();
        } catch (RuntimeException e) {
            export.discard();
            throw e;
        }
        return ok.build();
    }

    // ---- helpers

    private Campaigns campaignTable() {
        return new Campaigns(em(), realm.getId());
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private Response read(Supplier<Response> body) {
        return Guard.as(session, caller, realm, body, ModuleRole.REVIEW_ADMIN, ModuleRole.AUDITOR);
    }

    private Response write(Supplier<Response> body) {
        return Guard.as(session, caller, realm, body, ModuleRole.REVIEW_ADMIN);
    }

    private void record(OperationType op, String type, String path, String action, String subject, Object facts) {
        ObjectNode node = facts instanceof ObjectNode n ? n : Json.MAPPER.valueToTree(facts);
        AdminChange.record(session, realm, caller, adminEvent, op, type, path, action, subject, node);
    }
}
