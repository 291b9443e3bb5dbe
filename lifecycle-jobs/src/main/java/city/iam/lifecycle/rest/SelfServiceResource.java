package city.iam.lifecycle.rest;

import city.iam.kernel.access.BearerCaller;
import city.iam.kernel.access.Caller;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.error.Guard;
import city.iam.kernel.json.BoundedBody;
import city.iam.kernel.json.Json;
import city.iam.kernel.page.Page;
import city.iam.kernel.time.KeycloakClock;
import city.iam.lifecycle.attestation.AttestationRequest;
import city.iam.lifecycle.attestation.AttestationView;
import city.iam.lifecycle.attestation.Attestations;
import city.iam.lifecycle.temporary.ExtensionDecision;
import city.iam.lifecycle.temporary.ExtensionRequest;
import city.iam.lifecycle.temporary.ExtensionRequestView;
import city.iam.lifecycle.temporary.Extensions;
import city.iam.lifecycle.temporary.TemporaryGrantView;
import city.iam.lifecycle.temporary.TemporaryGrants;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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

import java.io.InputStream;
import java.util.Set;
import java.util.function.Function;

/**
 * The lifecycle as people see their own part of it: owners attest the clients they answer for and decide extension
 * requests for the access they own; grantees see their temporary grants and ask for more time. No module role is
 * needed — what makes someone an owner is the {@code city-iam.owner} attribute, what makes a grant theirs is that
 * it was given to them — so beyond a valid token every call checks exactly that, and refuses with 403 (or 404 for
 * another person's grant) otherwise. Every change is an audit entry naming the person (written by the services) and a
 * Keycloak admin event ({@link SelfServiceEvents}).
 */
@Produces(MediaType.APPLICATION_JSON)
public class SelfServiceResource {

    private static final int BODY_BYTES = 8192;
    private static final Set<String> GRANT_STATUSES = Set.of(TemporaryGrants.ACTIVE, TemporaryGrants.EXPIRED, TemporaryGrants.ENDED);
    private static final Set<String> REQUEST_STATUSES = Set.of(Extensions.PENDING, Extensions.APPROVED, Extensions.DENIED, Extensions.LAPSED);

    private final KeycloakSession session;
    private final RealmModel realm;

    SelfServiceResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    // ---- owner attestation (LJ-36)

    @GET
    @Path("my-clients")
    public Response myClients() {
        return as(caller -> Response.ok(attestations().ownedBy(caller, KeycloakClock.INSTANCE.millis())).build());
    }

    @POST
    @Path("clients/{clientId}/attestation")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response attest(@PathParam("clientId") String clientId, InputStream body) {
        return as(caller -> {
            AttestationRequest request = BoundedBody.json(body, AttestationRequest.class, BODY_BYTES);
            AttestationView done = AttestationView.of(attestations().attest(caller, clientId, request, KeycloakClock.INSTANCE.millis()));
            event(caller, OperationType.ACTION, "CITYIAM_LIFECYCLE_ATTESTATION", "lifecycle/clients/" + clientId + "/attestation", done);
            return Response.status(201).entity(done).build();
        });
    }

    // ---- temporary access: the grantee's side (LJ-35)

    @GET
    @Path("my-temporary-grants")
    public Response myTemporaryGrants(@QueryParam("status") String status, @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return as(caller -> {
            Page page = Page.of(first, max);
            check(status, GRANT_STATUSES);
            return Response.ok(extensions().grantsOf(caller, status, page).stream().map(TemporaryGrantView::of).toList()).build();
        });
    }

    @POST
    @Path("my-temporary-grants/{id}/extension")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response requestExtension(@PathParam("id") String grantId, InputStream body) {
        return as(caller -> {
            ExtensionRequest request = BoundedBody.json(body, ExtensionRequest.class, BODY_BYTES);
            ExtensionRequestView made = ExtensionRequestView.of(extensions().request(caller, grantId, request, KeycloakClock.INSTANCE.millis()));
            event(caller, OperationType.CREATE, "CITYIAM_LIFECYCLE_EXTENSION", "lifecycle/extension-requests/" + made.id(), made);
            return Response.status(201).entity(made).build();
        });
    }

    // ---- temporary access: the owner's side

    @GET
    @Path("extension-requests")
    public Response extensionRequests(@QueryParam("status") String status, @QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return as(caller -> {
            Page page = Page.of(first, max);
            check(status, REQUEST_STATUSES);
            return Response.ok(extensions().routedTo(caller, status, page).stream().map(ExtensionRequestView::of).toList()).build();
        });
    }

    @POST
    @Path("extension-requests/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String requestId, InputStream body) {
        return as(caller -> {
            ExtensionDecision decision = BoundedBody.json(body, ExtensionDecision.class, BODY_BYTES);
            ExtensionRequestView decided = ExtensionRequestView.of(extensions().decide(caller, requestId, decision, KeycloakClock.INSTANCE.millis()));
            event(caller, OperationType.ACTION, "CITYIAM_LIFECYCLE_EXTENSION", "lifecycle/extension-requests/" + requestId + "/decision", decided);
            return Response.ok(decided).build();
        });
    }

    // ---- helpers

    private Response as(Function<Caller, Response> body) {
        return Guard.run(session, () -> body.apply(BearerCaller.authenticate(session, realm)));
    }

    private void event(Caller caller, OperationType operation, String type, String path, Object view) {
        SelfServiceEvents.record(session, realm, caller, operation, type, path, Json.MAPPER.valueToTree(view));
    }

    private static void check(String status, Set<String> allowed) {
        if (status != null && !allowed.contains(status)) {
            throw CityIamException.badRequest("invalid_status", "status is one of " + allowed + ".");
        }
    }

    private Attestations attestations() {
        return new Attestations(session, realm, em());
    }

    private Extensions extensions() {
        return new Extensions(session, realm, em());
    }

    private EntityManager em() {
        return session.getProvider(JpaConnectionProvider.class).getEntityManager();
    }
}
