package city.iam.realmconfig.remote;

import city.iam.realmconfig.model.Canonical;
import city.iam.realmconfig.model.LiveObject;
import city.iam.realmconfig.model.LiveState;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.RealmNames;
import city.iam.realmconfig.plan.Action;
import city.iam.realmconfig.plan.Change;
import city.iam.realmconfig.plan.Plan;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.core.Response;
import org.keycloak.OAuth2Constants;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.admin.client.KeycloakBuilder;
import org.keycloak.admin.client.resource.OrganizationsResource;
import org.keycloak.representations.idm.OrganizationRepresentation;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The live realm through the Keycloak Admin Client: the stock API for organisations, Admin Client proxies of
 * our admin endpoints and of Keycloak's identity-provider API for the rest ({@link CityIamAdminApi},
 * {@link IdentityProviders}). Reads are one listing call per type, plus at most one partial export (group and
 * role names, identity-provider mappers) and one organisation listing shared by the types that need them;
 * datasets and agreements are written through the bulk import (validated in full on the server before any write).
 */
public final class KeycloakRealmApi implements RealmApi {

    /** Organisations are listed in one call; Keycloak's organisation search takes any page size. */
    static final int ORGANIZATION_PAGE = 100_000;
    /**
     * Datasets per import call: the server takes at most 5 000 objects or 8 MiB per call, and writes each call
     * in transactions of 100; a few calls of 250 let two of them run at once.
     */
    static final int IMPORT_CHUNK = 250;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final java.util.regex.Pattern UUID_SHAPE = java.util.regex.Pattern.compile("[0-9a-fA-F-]{36}");

    private final ServerOptions options;
    private final Keycloak keycloak;
    private final CityIamAdminApi api;
    private final Calls calls;
    private final int parallelism;
    private final IdentityProviders identityProviders;
    /** The realm's partial export (groups, roles, identity-provider mappers), read at most once. */
    private JsonNode realmExport;
    /** The organisation listing, read at most once per run (organisations and IdP links share it). */
    private List<OrganizationRepresentation> organizationList;

    private KeycloakRealmApi(ServerOptions options, Keycloak keycloak) {
        this.options = options;
        this.parallelism = Math.max(1, options.parallelism());
        this.keycloak = keycloak;
        this.calls = new Calls(options);
        String base = options.serverUrl().replaceAll("/+$", "");
        this.api = keycloak.proxy(CityIamAdminApi.class, URI.create(base + "/admin/realms/" + options.realm()));
        this.identityProviders = new IdentityProviders(api, calls, this::orgs);
    }

    /** Connects and obtains a token at once, so wrong credentials fail before anything else is attempted. */
    public static KeycloakRealmApi connect(ServerOptions options) {
        SSLContext ssl = options.trustStore() == null ? null : Tls.trusting(options.trustStore(), options.trustStorePassword());
        Client client = Keycloak.getClientProvider().newRestEasyClient(null, ssl, false);
        Keycloak keycloak = KeycloakBuilder.builder()
                .serverUrl(options.serverUrl())
                .realm(options.realm())
                .grantType(OAuth2Constants.CLIENT_CREDENTIALS)
                .clientId(options.clientId())
                .clientSecret(options.clientSecret())
                .resteasyClient(client)
                .build();
        KeycloakRealmApi api = new KeycloakRealmApi(options, keycloak);
        try {
            api.calls.run(Calls.TOKEN + " with the client credentials of '" + options.clientId() + "' in realm " + options.realm(),
                    () -> keycloak.tokenManager().getAccessTokenString());
        } catch (RemoteFailure e) {
            keycloak.close();
            throw e;
        }
        return api;
    }

    @Override
    public LiveState read(Set<ObjectType> types) {
        Map<ObjectType, Map<String, LiveObject>> live = new EnumMap<>(ObjectType.class);
        if (types.contains(ObjectType.ORGANIZATIONS)) {
            live.put(ObjectType.ORGANIZATIONS, organizations());
        }
        if (types.contains(ObjectType.IDENTITY_PROVIDERS)) {
            Map<String, String> aliasById = new HashMap<>();
            organizationList().forEach(o -> aliasById.put(o.getId(), o.getAlias()));
            live.put(ObjectType.IDENTITY_PROVIDERS, identityProviders.read(aliasById, realmExport()));
        }
        if (types.contains(ObjectType.DATASETS) || types.contains(ObjectType.AGREEMENTS)) {
            JsonNode bundle = calls.run("export datasets and agreements", api::datasetsExport);
            live.put(ObjectType.DATASETS, byId(ObjectType.DATASETS, bundle.path("datasets")));
            live.put(ObjectType.AGREEMENTS, byId(ObjectType.AGREEMENTS, bundle.path("agreements")));
        }
        if (types.contains(ObjectType.TRUST_ANCHORS)) {
            live.put(ObjectType.TRUST_ANCHORS, byId(ObjectType.TRUST_ANCHORS, calls.run("list trust anchors", api::trustAnchors)));
        }
        if (types.contains(ObjectType.ENROLLMENT_GROUPS)) {
            live.put(ObjectType.ENROLLMENT_GROUPS, byId(ObjectType.ENROLLMENT_GROUPS, calls.run("list enrollment groups", api::enrollmentGroups)));
        }
        if (types.contains(ObjectType.INACTIVITY_POLICY)) {
            live.put(ObjectType.INACTIVITY_POLICY, policy(ObjectType.INACTIVITY_POLICY, "inactivity", api::inactivityPolicy));
        }
        if (types.contains(ObjectType.BIRTHRIGHT_POLICY)) {
            live.put(ObjectType.BIRTHRIGHT_POLICY, policy(ObjectType.BIRTHRIGHT_POLICY, "birthright", api::birthrightPolicy));
        }
        if (types.contains(ObjectType.LEAVER_POLICY)) {
            live.put(ObjectType.LEAVER_POLICY, policy(ObjectType.LEAVER_POLICY, "leaver", api::leaverPolicy));
        }
        if (types.contains(ObjectType.HYGIENE_POLICY)) {
            live.put(ObjectType.HYGIENE_POLICY, policy(ObjectType.HYGIENE_POLICY, "hygiene", api::hygienePolicy));
        }
        if (types.contains(ObjectType.REVIEW_DEFINITIONS)) {
            live.put(ObjectType.REVIEW_DEFINITIONS, byId(ObjectType.REVIEW_DEFINITIONS,
                    calls.run("list review definitions", api::reviewDefinitions)));
        }
        return new LiveState(live);
    }

    private JsonNode realmExport() {
        if (realmExport == null) {
            realmExport = calls.run("read the realm's groups, roles and identity-provider mappers (partial export)",
                    () -> api.partialExport(true, true));
        }
        return realmExport;
    }

    private List<OrganizationRepresentation> organizationList() {
        if (organizationList == null) {
            organizationList = calls.run("list organisations", () -> orgs().search(null, null, 0, ORGANIZATION_PAGE, false));
        }
        return organizationList;
    }

    @Override
    public RealmNames realmNames() {
        JsonNode realm = realmExport();
        Set<String> groups = new HashSet<>();
        groupPaths(realm.path("groups"), groups);
        Set<String> realmRoles = new HashSet<>();
        realm.path("roles").path("realm").forEach(r -> realmRoles.add(r.path("name").asText()));
        Set<String> clientRoles = new HashSet<>();
        realm.path("roles").path("client").properties().forEach(e ->
                e.getValue().forEach(r -> clientRoles.add(e.getKey() + "/" + r.path("name").asText())));
        Set<String> organizations = new HashSet<>();
        organizationList().forEach(o -> organizations.add(o.getAlias()));
        return new RealmNames(groups, realmRoles, clientRoles, organizations);
    }

    @Override
    public Set<String> existingUsers(Set<String> usernamesOrIds) {
        Set<String> found = new HashSet<>();
        var users = keycloak.realm(options.realm()).users();
        for (String name : usernamesOrIds) {
            if (!calls.run("look up user " + name, () -> users.searchByUsername(name, true)).isEmpty() || (UUID_SHAPE.matcher(name).matches() && byId(users, name))) {
                found.add(name);
            }
        }
        return found;
    }

    private boolean byId(org.keycloak.admin.client.resource.UsersResource users, String id) {
        try {
            users.get(id).toRepresentation();
            return true;
        } catch (jakarta.ws.rs.NotFoundException e) {
            return false;
        }
    }

    private static void groupPaths(JsonNode groups, Set<String> out) {
        for (JsonNode g : groups) {
            out.add(g.path("path").asText());
            groupPaths(g.path("subGroups"), out);
        }
    }

    private Map<String, LiveObject> organizations() {
        Map<String, LiveObject> out = new LinkedHashMap<>();
        for (OrganizationRepresentation rep : organizationList()) {
            ObjectNode raw = JSON.valueToTree(rep);
            out.put(rep.getAlias(), new LiveObject(ObjectType.ORGANIZATIONS, rep.getAlias(), Canonical.of(ObjectType.ORGANIZATIONS, raw), rep.getId()));
        }
        return out;
    }

    /** A realm's one policy of a kind: 200 with it, or 404 {@code no_policy} when there is none. */
    private Map<String, LiveObject> policy(ObjectType type, String name, Supplier<Response> read) {
        String what = "read the " + name + " policy";
        Response r = calls.run(what, read);
        try {
            if (r.getStatus() == 404) {
                return Map.of();
            }
            if (r.getStatus() != 200) {
                throw calls.failure(what, r);
            }
            JsonNode policy = JSON.readTree(r.readEntity(String.class));
            return Map.of(ObjectType.SINGLETON_ID, new LiveObject(type, ObjectType.SINGLETON_ID, Canonical.of(type, policy), null));
        } catch (java.io.IOException e) {
            throw new RemoteFailure("The " + name + " policy the server sent is not JSON: " + e.getMessage(), e);
        } finally {
            r.close();
        }
    }

    private static Map<String, LiveObject> byId(ObjectType type, JsonNode array) {
        Map<String, LiveObject> out = new LinkedHashMap<>();
        for (JsonNode raw : array) {
            String id = raw.path(type.idField()).asText();
            out.put(id, new LiveObject(type, id, Canonical.of(type, raw), null));
        }
        return out;
    }

    // ---- apply

    @Override
    public void apply(Plan plan, Consumer<String> progress) {
        for (ObjectType type : ObjectType.values()) {
            List<Change> upserts = plan.of(type).stream().filter(c -> c.action() != Action.DELETE).toList();
            if (!upserts.isEmpty()) {
                long started = System.nanoTime();
                upsert(type, upserts, progress);
                progress.accept("  " + type.key() + ": " + upserts.size() + " created or updated in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms");
            }
        }
        for (Change c : plan.changes()) {
            if (c.action() == Action.DELETE) {
                delete(c);
                progress.accept("  - " + c.type().key() + " " + c.id());
            }
        }
    }

    private void upsert(ObjectType type, List<Change> changes, Consumer<String> progress) {
        Consumer<String> say = line -> {
            synchronized (progress) {
                progress.accept(line);
            }
        };
        switch (type) {
            case DATASETS -> {
                // The first call also wires the resource server (scopes, policy, permissions) once; the rest
                // are disjoint sets of datasets and run side by side.
                List<Runnable> calls = new ArrayList<>();
                for (int i = 0; i < changes.size(); i += IMPORT_CHUNK) {
                    List<Change> chunk = changes.subList(i, Math.min(changes.size(), i + IMPORT_CHUNK));
                    calls.add(() -> importChunk(type, chunk, say));
                }
                calls.get(0).run();
                Parallel.run(calls.subList(1, calls.size()), parallelism);
            }
            case AGREEMENTS -> {
                // One call at a time: the server's duplicate-agreement check spans the realm.
                for (int i = 0; i < changes.size(); i += IMPORT_CHUNK) {
                    importChunk(type, changes.subList(i, Math.min(changes.size(), i + IMPORT_CHUNK)), say);
                }
            }
            default -> Parallel.run(changes.stream().<Runnable>map(c -> () -> {
                upsertOne(c);
                say.accept("  " + c.action().sign() + " " + type.key() + " " + c.id());
            }).toList(), type == ObjectType.TRUST_ANCHORS ? 1 : parallelism);
        }
    }

    private void importChunk(ObjectType type, List<Change> chunk, Consumer<String> say) {
        ObjectNode bundle = JSON.createObjectNode();
        ArrayNode list = bundle.putArray(type.key());
        chunk.forEach(c -> list.add(c.desired()));
        calls.run("import " + chunk.size() + " " + type.key(), () -> api.datasetsImport(bundle));
        say.accept("  " + type.key() + ": " + chunk.size() + " written in one import call");
    }

    private void upsertOne(Change c) {
        String what = (c.action() == Action.CREATE ? "create " : "update ") + c.type().key() + " " + c.id();
        switch (c.type()) {
            case ORGANIZATIONS -> {
                OrganizationRepresentation rep = JSON.convertValue(c.desired(), OrganizationRepresentation.class);
                if (c.action() == Action.CREATE) {
                    expect(what, calls.run(what, () -> orgs().create(rep)), 201);
                } else {
                    rep.setId(c.serverId());
                    expect(what, calls.run(what, () -> orgs().get(c.serverId()).update(rep)), 204);
                }
            }
            case TRUST_ANCHORS -> {
                // An anchor is its certificate; the API pins and unpins, so a changed anchor is unpinned and pinned again.
                if (c.action() == Action.UPDATE) {
                    calls.run(what, () -> api.removeTrustAnchor(c.id()));
                }
                ObjectNode body = JSON.createObjectNode();
                body.put("certificate", c.desired().path("certificate").asText());
                body.put("purpose", c.desired().path("purpose").asText());
                calls.run(what, () -> api.addTrustAnchor(body));
            }
            case ENROLLMENT_GROUPS -> calls.run(what, () -> api.putEnrollmentGroup(c.id(), c.desired()));
            case IDENTITY_PROVIDERS -> identityProviders.write(c);
            case INACTIVITY_POLICY -> calls.run(what, () -> api.putInactivityPolicy(c.desired()));
            case BIRTHRIGHT_POLICY -> calls.run(what, () -> api.putBirthrightPolicy(c.desired()));
            case LEAVER_POLICY -> calls.run(what, () -> api.putLeaverPolicy(c.desired()));
            case HYGIENE_POLICY -> calls.run(what, () -> api.putHygienePolicy(c.desired()));
            case REVIEW_DEFINITIONS -> calls.run(what, () -> c.action() == Action.CREATE
                    ? api.createReviewDefinition(c.desired()) : api.putReviewDefinition(c.id(), c.desired()));
            default -> throw new IllegalStateException("no single-object write for " + c.type());
        }
    }

    private void delete(Change c) {
        String what = "delete " + c.type().key() + " " + c.id();
        switch (c.type()) {
            case ORGANIZATIONS -> expect(what, calls.run(what, () -> orgs().get(c.serverId()).delete()), 204);
            case DATASETS -> calls.run(what, () -> api.deleteDataset(c.id()));
            case AGREEMENTS -> calls.run(what, () -> api.deleteAgreement(c.id()));
            case TRUST_ANCHORS -> calls.run(what, () -> api.removeTrustAnchor(c.id()));
            case ENROLLMENT_GROUPS -> calls.run(what, () -> api.deleteEnrollmentGroup(c.id()));
            case INACTIVITY_POLICY -> calls.run(what, () -> api.deleteInactivityPolicy());
            case BIRTHRIGHT_POLICY -> calls.run(what, () -> api.deleteBirthrightPolicy());
            case LEAVER_POLICY -> calls.run(what, () -> api.deleteLeaverPolicy());
            case HYGIENE_POLICY -> calls.run(what, () -> api.deleteHygienePolicy());
            case IDENTITY_PROVIDERS -> identityProviders.delete(c);
            case REVIEW_DEFINITIONS -> calls.run(what, () -> api.deleteReviewDefinition(c.id()));
            default -> throw new IllegalStateException("no delete for " + c.type());
        }
    }

    /** The stock API answers some writes with a Response instead of throwing; a wrong status is a failure too. */
    private void expect(String what, Response r, int status) {
        try {
            if (r.getStatus() != status) {
                throw calls.failure(what, r);
            }
        } finally {
            r.close();
        }
    }

    private OrganizationsResource orgs() {
        return keycloak.realm(options.realm()).organizations();
    }

    @Override
    public void close() {
        keycloak.close();
    }
}
