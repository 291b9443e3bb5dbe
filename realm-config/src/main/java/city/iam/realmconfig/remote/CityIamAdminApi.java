package city.iam.realmconfig.remote;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * The city-iam admin endpoints the tool drives, under {@code /admin/realms/{realm}}, as an Admin Client proxy
 * (same token, TLS and error handling as the stock API). Paths and bodies: docs/api/*.yaml.
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface CityIamAdminApi {

    /** Every dataset and agreement in one answer (the paged lists stop at 1 000 per call). */
    @GET
    @Path("datasets/export")
    JsonNode datasetsExport();

    /** Upserts datasets then agreements, all validated before any is written. */
    @POST
    @Path("datasets/import")
    JsonNode datasetsImport(JsonNode bundle);

    @DELETE
    @Path("datasets/{name}")
    void deleteDataset(@PathParam("name") String name);

    @DELETE
    @Path("datasets/agreements/{id}")
    void deleteAgreement(@PathParam("id") String id);

    @GET
    @Path("device-identity/trust-anchors")
    JsonNode trustAnchors();

    @POST
    @Path("device-identity/trust-anchors")
    JsonNode addTrustAnchor(JsonNode anchor);

    @DELETE
    @Path("device-identity/trust-anchors/{pin}")
    void removeTrustAnchor(@PathParam("pin") String pin);

    @GET
    @Path("device-identity/groups")
    JsonNode enrollmentGroups();

    @PUT
    @Path("device-identity/groups/{name}")
    JsonNode putEnrollmentGroup(@PathParam("name") String name, JsonNode group);

    @DELETE
    @Path("device-identity/groups/{name}")
    void deleteEnrollmentGroup(@PathParam("name") String name);

    /** 200 with the policy, or 404 {@code no_policy}: a Response, because "none" is a normal answer here. */
    @GET
    @Path("lifecycle/policies/inactivity")
    Response inactivityPolicy();

    @PUT
    @Path("lifecycle/policies/inactivity")
    JsonNode putInactivityPolicy(JsonNode policy);

    @DELETE
    @Path("lifecycle/policies/inactivity")
    void deleteInactivityPolicy();

    @GET
    @Path("lifecycle/policies/birthright")
    Response birthrightPolicy();

    @PUT
    @Path("lifecycle/policies/birthright")
    JsonNode putBirthrightPolicy(JsonNode policy);

    @DELETE
    @Path("lifecycle/policies/birthright")
    void deleteBirthrightPolicy();

    /** Always 200: the effective settings, defaults filled in. */
    @GET
    @Path("lifecycle/policies/leaver")
    Response leaverPolicy();

    @PUT
    @Path("lifecycle/policies/leaver")
    JsonNode putLeaverPolicy(JsonNode policy);

    /** Back to the defaults. */
    @DELETE
    @Path("lifecycle/policies/leaver")
    void deleteLeaverPolicy();

    @GET
    @Path("lifecycle/policies/hygiene")
    Response hygienePolicy();

    @PUT
    @Path("lifecycle/policies/hygiene")
    JsonNode putHygienePolicy(JsonNode policy);

    @DELETE
    @Path("lifecycle/policies/hygiene")
    void deleteHygienePolicy();

    @GET
    @Path("access-reviews/definitions")
    JsonNode reviewDefinitions();

    @POST
    @Path("access-reviews/definitions")
    JsonNode createReviewDefinition(JsonNode definition);

    /** Stores a new version; the server assigns {@code version} and {@code updated_at}. */
    @PUT
    @Path("access-reviews/definitions/{id}")
    JsonNode putReviewDefinition(@PathParam("id") String id, JsonNode definition);

    @DELETE
    @Path("access-reviews/definitions/{id}")
    void deleteReviewDefinition(@PathParam("id") String id);

    /**
     * Groups (with their subgroups), realm and client roles and identity-provider mappers in one call, for
     * checking the names that review definitions and lifecycle policies use before anything is written. Client
     * roles come only with the clients (secrets masked). Needs {@code view-realm}, {@code query-groups} and
     * {@code view-clients}.
     */
    @POST
    @Path("partial-export")
    JsonNode partialExport(@jakarta.ws.rs.QueryParam("exportGroupsAndRoles") boolean groupsAndRoles,
                           @jakarta.ws.rs.QueryParam("exportClients") boolean clients);

    // ---- Keycloak's own identity-provider API, read and written as JSON so that fields newer than the Admin
    // Client's representations (organizationId, hideOnLogin) survive the round trip.

    @GET
    @Path("identity-provider/instances")
    JsonNode identityProviders(@jakarta.ws.rs.QueryParam("briefRepresentation") boolean brief,
                               @jakarta.ws.rs.QueryParam("first") int first, @jakarta.ws.rs.QueryParam("max") int max);

    @POST
    @Path("identity-provider/instances")
    Response createIdentityProvider(JsonNode idp);

    @PUT
    @Path("identity-provider/instances/{alias}")
    void updateIdentityProvider(@PathParam("alias") String alias, JsonNode idp);

    @DELETE
    @Path("identity-provider/instances/{alias}")
    void deleteIdentityProvider(@PathParam("alias") String alias);

    @POST
    @Path("identity-provider/instances/{alias}/mappers")
    Response addIdentityProviderMapper(@PathParam("alias") String alias, JsonNode mapper);

    @PUT
    @Path("identity-provider/instances/{alias}/mappers/{id}")
    void updateIdentityProviderMapper(@PathParam("alias") String alias, @PathParam("id") String id, JsonNode mapper);

    @DELETE
    @Path("identity-provider/instances/{alias}/mappers/{id}")
    void deleteIdentityProviderMapper(@PathParam("alias") String alias, @PathParam("id") String id);
}
