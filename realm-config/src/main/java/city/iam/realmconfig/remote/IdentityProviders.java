package city.iam.realmconfig.remote;

import city.iam.realmconfig.model.Canonical;
import city.iam.realmconfig.model.IdentityProviderForm;
import city.iam.realmconfig.model.LiveObject;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.plan.Action;
import city.iam.realmconfig.plan.Change;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;
import org.keycloak.admin.client.resource.OrganizationsResource;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Identity providers as {@code identity-providers.json} declares them, over three Keycloak APIs: the IdP itself
 * (one listing call), its {@code city-assurance-mapper} (every IdP's mappers come with the realm's partial export,
 * one call) and its organisation link (the organisation listing, one call). See {@link IdentityProviderForm}.
 */
final class IdentityProviders {

    static final int PAGE = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CityIamAdminApi api;
    private final Calls calls;
    private final Supplier<OrganizationsResource> orgs;
    /** Organisation alias → id, read once per apply when the first link changes (organisations are written first). */
    private Map<String, String> orgIds;

    IdentityProviders(CityIamAdminApi api, Calls calls, Supplier<OrganizationsResource> orgs) {
        this.api = api;
        this.calls = calls;
        this.orgs = orgs;
    }

    /** Keyed by alias; {@code serverId} is the id of the IdP's assurance mapper, if it has one. */
    Map<String, LiveObject> read(Map<String, String> orgAliasById, JsonNode realmExport) {
        Map<String, JsonNode> mappers = new HashMap<>();
        for (JsonNode m : realmExport.path("identityProviderMappers")) {
            if (IdentityProviderForm.MAPPER_TYPE.equals(m.path("identityProviderMapper").asText())) {
                mappers.putIfAbsent(m.path("identityProviderAlias").asText(), m);
            }
        }
        Map<String, LiveObject> out = new LinkedHashMap<>();
        for (JsonNode idp : calls.run("list identity providers", () -> api.identityProviders(false, 0, PAGE))) {
            ObjectNode raw = idp.deepCopy();
            String alias = raw.path("alias").asText();
            String org = orgAliasById.get(raw.path("organizationId").asText());
            if (org != null) {
                raw.put("organization", org);
            }
            JsonNode mapper = mappers.get(alias);
            if (mapper != null) {
                raw.set("assurance", IdentityProviderForm.assurance(mapper.path("config")));
            }
            out.put(alias, new LiveObject(ObjectType.IDENTITY_PROVIDERS, alias, Canonical.of(ObjectType.IDENTITY_PROVIDERS, raw),
                    mapper == null ? null : mapper.path("id").asText()));
        }
        return out;
    }

    void write(Change c) {
        String alias = c.id();
        String what = (c.action() == Action.CREATE ? "create" : "update") + " identity provider " + alias;
        ObjectNode body = c.desired().deepCopy();
        body.remove("organization");
        body.remove("assurance");
        if (c.action() == Action.CREATE) {
            expect(what, calls.run(what, () -> api.createIdentityProvider(body)));
        } else {
            // Config keys the file does not name are kept; a masked secret sent back keeps the stored one.
            ObjectNode config = c.live().path("config").isObject() ? (ObjectNode) c.live().get("config").deepCopy() : JSON.createObjectNode();
            if (body.path("config").isObject()) {
                config.setAll((ObjectNode) body.get("config"));
            }
            body.set("config", config);
            calls.run(what, () -> api.updateIdentityProvider(alias, body));
        }
        link(c);
        assurance(c);
    }

    void delete(Change c) {
        calls.run("delete identity provider " + c.id(), () -> api.deleteIdentityProvider(c.id()));
    }

    private void link(Change c) {
        String want = text(c.desired(), "organization");
        String had = c.live() == null ? null : text(c.live(), "organization");
        if (Objects.equals(want, had)) {
            return;
        }
        if (had != null) {
            String what = "unlink identity provider " + c.id() + " from organisation " + had;
            expect(what, calls.run(what, () -> orgs.get().get(orgId(had, what)).identityProviders().get(c.id()).delete()));
        }
        if (want != null) {
            String what = "link identity provider " + c.id() + " to organisation " + want;
            expect(what, calls.run(what, () -> orgs.get().get(orgId(want, what)).identityProviders().addIdentityProvider(c.id())));
        }
    }

    private void assurance(Change c) {
        JsonNode want = c.desired().get("assurance");
        JsonNode had = c.live() == null ? null : c.live().get("assurance");
        String mapperId = c.serverId();
        if (Objects.equals(want, had)) {
            return;
        }
        String what = "write the assurance mapper of identity provider " + c.id();
        if (want == null) {
            if (mapperId != null) {
                calls.run(what, () -> api.deleteIdentityProviderMapper(c.id(), mapperId));
            }
            return;
        }
        ObjectNode mapper = JSON.createObjectNode();
        mapper.put("name", IdentityProviderForm.MAPPER_NAME);
        mapper.put("identityProviderAlias", c.id());
        mapper.put("identityProviderMapper", IdentityProviderForm.MAPPER_TYPE);
        mapper.set("config", IdentityProviderForm.mapperConfig(want));
        if (mapperId == null) {
            expect(what, calls.run(what, () -> api.addIdentityProviderMapper(c.id(), mapper)));
        } else {
            mapper.put("id", mapperId);
            calls.run(what, () -> api.updateIdentityProviderMapper(c.id(), mapperId, mapper));
        }
    }

    private synchronized String orgId(String alias, String what) {
        if (orgIds == null) {
            orgIds = new HashMap<>();
            calls.run("list organisations", () -> orgs.get().search(null, null, 0, PAGE, true))
                    .forEach(o -> orgIds.put(o.getAlias(), o.getId()));
        }
        String id = orgIds.get(alias);
        if (id == null) {
            throw new RemoteFailure("Cannot " + what + ": realm has no organisation '" + alias + "'.");
        }
        return id;
    }

    private static String text(JsonNode o, String field) {
        return o.hasNonNull(field) ? o.get(field).asText() : null;
    }

    /** Any 2xx: the stock API answers these writes with a Response instead of throwing. */
    private void expect(String what, Response r) {
        try {
            if (r.getStatus() / 100 != 2) {
                throw calls.failure(what, r);
            }
        } finally {
            r.close();
        }
    }
}
