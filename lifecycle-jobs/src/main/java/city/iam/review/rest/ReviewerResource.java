package city.iam.review.rest;

import city.iam.kernel.access.BearerCaller;
import city.iam.kernel.access.Caller;
import city.iam.kernel.error.Guard;
import city.iam.kernel.json.BoundedBody;
import city.iam.kernel.page.Page;
import city.iam.kernel.time.KeycloakClock;
import city.iam.review.campaign.Campaigns;
import city.iam.review.decision.BulkDecider;
import city.iam.review.decision.BulkDecisionRequest;
import city.iam.review.decision.DecisionRequest;
import city.iam.review.decision.ItemDecider;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * The reviewer's side: the items waiting for them and their decisions. Being assigned an item is what makes
 * someone its reviewer (the implicit {@code reviewer} role), so the only check beyond a valid token is that the
 * item is theirs.
 */
@Produces(MediaType.APPLICATION_JSON)
public class ReviewerResource {

    private final KeycloakSession session;
    private final RealmModel realm;

    ReviewerResource(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    @GET
    @Path("my-items")
    public Response myItems(@QueryParam("first") Integer first, @QueryParam("max") Integer max) {
        return Guard.run(session, () -> {
            Caller caller = BearerCaller.authenticate(session, realm);
            Page page = Page.of(first, max);
            return Response.ok(campaigns().assignedTo(caller.id(), page).stream().map(ItemView::of).toList()).build();
        });
    }

    @POST
    @Path("items/{id}/decision")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decide(@PathParam("id") String id, InputStream body) {
        return Guard.run(session, () -> {
            Caller caller = BearerCaller.authenticate(session, realm);
            DecisionRequest request = BoundedBody.json(body, DecisionRequest.class, 8192);
            return Response.ok(ItemView.of(new ItemDecider(session, realm, campaigns()).decide(caller, id, request,
                    KeycloakClock.INSTANCE.instant()))).build();
        });
    }

    /** All or nothing: see {@link BulkDecider} for what is refused. */
    @POST
    @Path("items/decisions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response decideMany(InputStream body) {
        return Guard.run(session, () -> {
            Caller caller = BearerCaller.authenticate(session, realm);
            BulkDecisionRequest request = BoundedBody.json(body, BulkDecisionRequest.class, 64 * 1024);
            Campaigns campaigns = campaigns();
            List<ItemView> decided = new BulkDecider(new ItemDecider(session, realm, campaigns), campaigns)
                    .decide(caller, request, KeycloakClock.INSTANCE.instant()).stream().map(ItemView::of).toList();
            return Response.ok(Map.of("decided", decided.size(), "items", decided)).build();
        });
    }

    private Campaigns campaigns() {
        return Campaigns.of(session, realm);
    }
}
