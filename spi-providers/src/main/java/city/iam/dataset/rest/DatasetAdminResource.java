package city.iam.dataset.rest;

import city.iam.dataset.agreement.Agreements;
import city.iam.dataset.audit.DecisionRecorder;
import city.iam.dataset.authz.DatasetCatalog;
import city.iam.dataset.authz.DatasetDecisions;
import city.iam.dataset.jpa.DecisionEntity;
import city.iam.dataset.model.AgreementDefinition;
import city.iam.dataset.model.DatasetDefinition;
import city.iam.dataset.policy.Dataset;
import city.iam.dataset.policy.DatasetScope;
import city.iam.dataset.policy.Decision;
import city.iam.dataset.policy.Purpose;
import city.iam.dataset.policy.Subject;
import city.iam.kernel.access.AdminCaller;
import city.iam.kernel.access.Caller;
import city.iam.kernel.access.ModuleRole;
import city.iam.kernel.audit.AdminChange;
import city.iam.kernel.audit.AuditRecord;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.error.Guard;
import city.iam.kernel.json.BoundedBody;
import city.iam.kernel.page.Page;
import city.iam.kernel.time.KeycloakClock;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
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
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

import java.io.InputStream;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /admin/realms/{realm}/datasets}: datasets (in bulk), agreements, import/export, what-if and the
 * decision audit. Changes need {@code dataset-admin}; reads also admit {@code auditor}. Every change is an
 * admin event plus an audit-chain entry, in the transaction of the change.
 */
@Produces(MediaType.APPLICATION_JSON)
public class DatasetAdminResource {

    /** Bulk writes are bounded so one call cannot hold a transaction for minutes. */
    static final int MAX_BULK = 5_000;
    private static final int CHUNK = 100;
    private static final int MAX_BULK_BYTES = 8 * 1024 * 1024;

    private final KeycloakSession session;
    private final RealmModel realm;
    private final Caller caller;
    private final AdminEventBuilder adminEvent;

    DatasetAdminResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        this.session = session;
        this.realm = realm;
        this.caller = AdminCaller.of(auth);
        this.adminEvent = adminEvent;
    }

    // ---- datasets

    @GET
    public Response list(@QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> {
            Page page = Page.of(first, max);
            DatasetCatalog catalog = catalog();
            return Response.ok(catalog.list(page.first(), page.max()).stream().map(catalog::definition).toList()).build();
        });
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putAll(InputStream body) {
        return write(() -> {
            DatasetViews.Bulk bulk = BoundedBody.json(body, DatasetViews.Bulk.class, MAX_BULK_BYTES);
            DatasetViews.BulkResult result = putDatasets(bulk.datasets());
            record(OperationType.UPDATE, "CITYIAM_DATASET", "datasets", "datasets.bulk-put", realm.getName(), counts(result));
            return Response.ok(result).build();
        });
    }

    @GET
    @Path("{name}")
    public Response get(@PathParam("name") String name) {
        return read(() -> {
            DatasetCatalog catalog = catalog();
            return Response.ok(catalog.definition(catalog.require(name))).build();
        });
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("name") String name, InputStream body) {
        return write(() -> {
            DatasetDefinition d = BoundedBody.json(body, DatasetDefinition.class);
            if (d.name() != null && !d.name().equals(name)) {
                throw CityIamException.badRequest("name_mismatch", "The body names dataset '" + d.name() + "' but the path names '" + name + "'.");
            }
            DatasetDefinition named = new DatasetDefinition(name, d.displayName(), d.sensitivity(), d.ownerOrganization(),
                    d.allowedPurposes(), d.allowedOrganizations(), d.allowedStakeholderTypes(), d.personalData(), d.timeWindow(),
                    d.minimumAssurance(), d.trustedEnvironment(), d.senderConstrained(), d.uris(), null, null);
            DatasetCatalog catalog = catalog();
            boolean created = catalog.put(named);
            DatasetDefinition stored = catalog.definition(catalog.require(name));
            record(created ? OperationType.CREATE : OperationType.UPDATE, "CITYIAM_DATASET", "datasets/" + name,
                    created ? "datasets.dataset.created" : "datasets.dataset.updated", name,
                    AuditRecord.facts("sensitivity", stored.sensitivity(), "policy_version", String.valueOf(stored.policyVersion())));
            return Response.status(created ? 201 : 200).entity(stored).build();
        });
    }

    @DELETE
    @Path("{name}")
    public Response delete(@PathParam("name") String name) {
        return write(() -> {
            DatasetCatalog catalog = catalog();
            catalog.require(name);
            List<String> naming = agreements().naming(name);
            if (!naming.isEmpty()) {
                throw CityIamException.conflict("dataset_in_use", "Dataset '" + name + "' is named by agreements " + naming + "; change them first.");
            }
            catalog.delete(name);
            record(OperationType.DELETE, "CITYIAM_DATASET", "datasets/" + name, "datasets.dataset.deleted", name, AuditRecord.facts());
            return Response.noContent().build();
        });
    }

    // ---- agreements

    @GET
    @Path("agreements")
    public Response agreementsList(@QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return read(() -> Response.ok(agreements().list(Page.of(first, max)).stream().map(AgreementDefinition::of).toList()).build());
    }

    @POST
    @Path("agreements")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createAgreement(InputStream body) {
        return write(() -> {
            AgreementDefinition d = BoundedBody.json(body, AgreementDefinition.class);
            Agreements agreements = agreements();
            if (d.id() != null && exists(agreements, d.id())) {
                throw CityIamException.conflict("agreement_exists", "Agreement '" + d.id() + "' exists; PUT it to change it.");
            }
            return saveAgreement(agreements, d, true);
        });
    }

    @GET
    @Path("agreements/{id}")
    public Response agreement(@PathParam("id") String id) {
        return read(() -> Response.ok(AgreementDefinition.of(agreements().get(id))).build());
    }

    @PUT
    @Path("agreements/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putAgreement(@PathParam("id") String id, InputStream body) {
        return write(() -> {
            AgreementDefinition d = BoundedBody.json(body, AgreementDefinition.class);
            if (d.id() != null && !d.id().equals(id)) {
                throw CityIamException.badRequest("id_mismatch", "The body names agreement '" + d.id() + "' but the path names '" + id + "'.");
            }
            return saveAgreement(agreements(), new AgreementDefinition(id, d.name(), d.parties(), d.datasets(), d.purposes(),
                    d.notBefore(), d.notOnOrAfter(), d.status(), d.consentRequired()), false);
        });
    }

    @DELETE
    @Path("agreements/{id}")
    public Response deleteAgreement(@PathParam("id") String id) {
        return write(() -> {
            agreements().delete(id);
            record(OperationType.DELETE, "CITYIAM_DATASET_AGREEMENT", "datasets/agreements/" + id, "datasets.agreement.deleted", id, AuditRecord.facts());
            return Response.noContent().build();
        });
    }

    // ---- configuration as code

    @GET
    @Path("export")
    public Response export() {
        return read(() -> {
            DatasetCatalog catalog = catalog();
            List<DatasetDefinition> datasets = new ArrayList<>();
            for (int first = 0; ; first += Page.LIMIT) {
                var batch = catalog.list(first, Page.LIMIT);
                batch.forEach(r -> datasets.add(catalog.definition(r)));
                if (batch.size() < Page.LIMIT) {
                    break;
                }
            }
            List<AgreementDefinition> agreements = new ArrayList<>();
            Agreements store = agreements();
            for (int first = 0; ; first += Page.LIMIT) {
                var batch = store.list(new Page(first, Page.LIMIT));
                batch.forEach(a -> agreements.add(AgreementDefinition.of(a)));
                if (batch.size() < Page.LIMIT) {
                    break;
                }
            }
            return Response.ok(new DatasetViews.Bundle(datasets, agreements)).build();
        });
    }

    /** Upserts datasets then agreements, all or nothing; what the bundle leaves out is left alone. */
    @POST
    @Path("import")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response importBundle(InputStream body) {
        return write(() -> {
            DatasetViews.Bundle bundle = BoundedBody.json(body, DatasetViews.Bundle.class, MAX_BULK_BYTES);
            DatasetViews.BulkResult datasets = putDatasets(bundle.datasets() == null ? List.of() : bundle.datasets());
            List<AgreementDefinition> list = bundle.agreements() == null ? List.of() : bundle.agreements();
            if (list.size() > MAX_BULK) {
                throw new CityIamException(413, "too_many_agreements", "One import takes at most " + MAX_BULK + " agreements.");
            }
            Set<String> created = agreements().putAll(list, catalog().names());
            DatasetViews.BulkResult agreements = split(list.stream().map(AgreementDefinition::id).toList(), created);
            ObjectNode facts = counts(datasets);
            facts.set("agreements", counts(agreements));
            record(OperationType.UPDATE, "CITYIAM_DATASET", "datasets/import", "datasets.imported", realm.getName(), facts);
            return Response.ok(new DatasetViews.ImportResult(datasets, agreements)).build();
        });
    }

    // ---- what-if and decision audit

    @POST
    @Path("what-if")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response whatIf(InputStream body) {
        return read(() -> {
            long started = System.nanoTime();
            WhatIfRequest request = BoundedBody.json(body, WhatIfRequest.class);
            if (request.dataset() == null) {
                throw CityIamException.badRequest("invalid_request", "dataset is required.");
            }
            DatasetScope scope = DatasetScope.parse(request.scope() == null ? DatasetScope.DATA_READ.code() : request.scope());
            Purpose purpose = request.purpose() == null ? null : Purpose.parse(request.purpose());
            Instant at = request.at(DatasetDecisions.now());
            DatasetCatalog catalog = catalog();
            Dataset dataset = DatasetDecisions.rules(session, catalog.require(request.dataset()));
            Subject subject = request.subject(session, realm);
            Decision decision = DatasetDecisions.decider(session, realm).decide(subject, dataset, scope, purpose, at);
            String id = DecisionRecorder.record(session, realm, DecisionRecorder.Channel.WHAT_IF, subject, dataset.name(), dataset,
                    scope, purpose, decision, at, System.nanoTime() - started);
            return Response.ok(DatasetViews.Trace.of(decision, at, id)).build();
        });
    }

    @GET
    @Path("decisions")
    public Response decisions(@QueryParam("first") Integer first, @QueryParam("max") Integer max,
                              @QueryParam("subject") String subject, @QueryParam("dataset") String dataset,
                              @QueryParam("result") String result, @QueryParam("simulated") Boolean simulated,
                              @QueryParam("from") String from, @QueryParam("to") String to) {
        return read(() -> {
            Page page = Page.of(first, max);
            StringBuilder jpql = new StringBuilder("select d from DecisionEntity d where d.realmId = :realmId");
            Map<String, Object> params = new HashMap<>();
            params.put("realmId", realm.getId());
            filter(jpql, params, "subjectId", subject);
            filter(jpql, params, "dataset", dataset);
            if (result != null && !Set.of("PERMIT", "DENY").contains(result)) {
                throw CityIamException.badRequest("invalid_result", "result is PERMIT or DENY.");
            }
            filter(jpql, params, "result", result);
            filter(jpql, params, "simulated", simulated);
            if (from != null) {
                jpql.append(" and d.decidedAt >= :from");
                params.put("from", instant("from", from));
            }
            if (to != null) {
                jpql.append(" and d.decidedAt < :to");
                params.put("to", instant("to", to));
            }
            jpql.append(" order by d.decidedAt desc, d.id");
            TypedQuery<DecisionEntity> q = em().createQuery(jpql.toString(), DecisionEntity.class);
            params.forEach(q::setParameter);
            return Response.ok(q.setFirstResult(page.first()).setMaxResults(page.max()).getResultStream()
                    .map(DatasetViews.Record::of).toList()).build();
        });
    }

    // ---- helpers

    private DatasetViews.BulkResult putDatasets(List<DatasetDefinition> list) {
        if (list == null) {
            throw CityIamException.badRequest("invalid_request", "datasets is required.");
        }
        if (list.size() > MAX_BULK) {
            throw new CityIamException(413, "too_many_datasets", "One call takes at most " + MAX_BULK + " datasets.");
        }
        Set<String> seen = new HashSet<>();
        for (DatasetDefinition d : list) {
            d.validate(0);
            if (!seen.add(d.name())) {
                throw CityIamException.badRequest("duplicate_dataset", "Dataset '" + d.name() + "' appears twice in one call.");
            }
        }
        catalog().refuseForeign(seen);
        Set<String> created = new HashSet<>();
        if (list.size() <= CHUNK) {
            created.addAll(catalog().putAll(list));
        } else {
            // Keycloak writes each resource attribute with a bulk delete that flushes the whole persistence context;
            // in one transaction that grows quadratically (a 1 000-dataset import took 40 s). Everything is validated
            // above, so writing in chunks of their own transactions changes nothing for bad input.
            for (int i = 0; i < list.size(); i += CHUNK) {
                List<DatasetDefinition> chunk = list.subList(i, Math.min(list.size(), i + CHUNK));
                KeycloakModelUtils.runJobInTransaction(session.getKeycloakSessionFactory(), s -> {
                    RealmModel r = s.realms().getRealm(realm.getId());
                    s.getContext().setRealm(r);
                    created.addAll(DatasetCatalog.of(s, r).putAll(chunk));
                });
            }
        }
        return split(list.stream().map(DatasetDefinition::name).toList(), created);
    }

    private static DatasetViews.BulkResult split(List<String> names, Set<String> created) {
        return new DatasetViews.BulkResult(names.stream().filter(created::contains).toList(),
                names.stream().filter(n -> !created.contains(n)).toList());
    }

    private Response saveAgreement(Agreements agreements, AgreementDefinition d, boolean mustCreate) {
        boolean created = agreements.put(d, catalog().names());
        AgreementDefinition stored = AgreementDefinition.of(agreements.get(d.id()));
        record(created ? OperationType.CREATE : OperationType.UPDATE, "CITYIAM_DATASET_AGREEMENT", "datasets/agreements/" + d.id(),
                created ? "datasets.agreement.created" : "datasets.agreement.updated", d.id(),
                AuditRecord.facts("status", stored.status(), "not_before", stored.notBefore(), "not_on_or_after", stored.notOnOrAfter()));
        return Response.status(created || mustCreate ? 201 : 200).entity(stored).build();
    }

    private static boolean exists(Agreements agreements, String id) {
        try {
            agreements.get(id);
            return true;
        } catch (CityIamException e) {
            return false;
        }
    }

    private static void filter(StringBuilder jpql, Map<String, Object> params, String field, Object value) {
        if (value != null && !"".equals(value)) {
            jpql.append(" and d.").append(field).append(" = :").append(field);
            params.put(field, value);
        }
    }

    private static long instant(String name, String value) {
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw CityIamException.badRequest("invalid_time", name + " is not an ISO-8601 instant: " + value);
        }
    }

    private static ObjectNode counts(DatasetViews.BulkResult r) {
        ObjectNode n = AuditRecord.facts();
        ArrayNode created = n.putArray("created");
        r.created().forEach(created::add);
        ArrayNode updated = n.putArray("updated");
        r.updated().forEach(updated::add);
        return n;
    }

    private DatasetCatalog catalog() {
        return DatasetCatalog.of(session, realm);
    }

    private Agreements agreements() {
        return new Agreements(em(), realm, KeycloakClock.INSTANCE);
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }

    private Response read(Supplier<Response> body) {
        return Guard.as(session, caller, realm, body, ModuleRole.DATASET_ADMIN, ModuleRole.AUDITOR);
    }

    private Response write(Supplier<Response> body) {
        return Guard.as(session, caller, realm, body, ModuleRole.DATASET_ADMIN);
    }

    private void record(OperationType op, String type, String path, String action, String subject, ObjectNode facts) {
        AdminChange.record(session, realm, caller, adminEvent, op, type, path, action, subject, facts);
    }

}
