package city.iam.dataset.authz;

import city.iam.dataset.model.DatasetAttributes;
import city.iam.dataset.model.DatasetDefinition;
import city.iam.dataset.policy.Dataset;
import city.iam.dataset.policy.DatasetScope;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.settings.RealmSettings;
import org.keycloak.authorization.AuthorizationProvider;
import org.keycloak.authorization.model.Policy;
import org.keycloak.authorization.model.Resource;
import org.keycloak.authorization.model.ResourceServer;
import org.keycloak.authorization.model.Scope;
import org.keycloak.models.ClientModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.RepresentationToModel;
import org.keycloak.representations.idm.authorization.DecisionStrategy;
import org.keycloak.representations.idm.authorization.ScopePermissionRepresentation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Datasets as resources of the realm's data-platform resource server (realm setting
 * {@code city-iam.datasets.resource-server}, default {@value #DEFAULT_CLIENT}). Writing a dataset also keeps
 * the wiring in step: the two scopes, one {@code dataset} policy and one scope permission per scope. Two
 * permissions serve any number of datasets, so evaluation cost does not grow with permissions (keycloak#25717).
 */
public final class DatasetCatalog {

    public static final String DEFAULT_CLIENT = "city-data-platform";
    public static final String POLICY = "city-iam datasets";

    private final RealmModel realm;
    private final AuthorizationProvider authz;
    private final ResourceServer server;

    private DatasetCatalog(RealmModel realm, AuthorizationProvider authz, ResourceServer server) {
        this.realm = realm;
        this.authz = authz;
        this.server = server;
    }

    public static DatasetCatalog of(KeycloakSession session, RealmModel realm) {
        String clientId = RealmSettings.of(realm).string("datasets.resource-server", DEFAULT_CLIENT);
        ClientModel client = realm.getClientByClientId(clientId);
        if (client == null) {
            throw CityIamException.conflict("resource_server_missing", "Realm " + realm.getName() + " has no client '" + clientId
                    + "' to hold datasets; create it or set realm attribute city-iam.datasets.resource-server.");
        }
        AuthorizationProvider authz = session.getProvider(AuthorizationProvider.class);
        ResourceServer server = authz.getStoreFactory().getResourceServerStore().findByClient(client);
        if (server == null) {
            throw CityIamException.conflict("authorization_disabled", "Client '" + clientId + "' does not have Authorization Services enabled.");
        }
        return new DatasetCatalog(realm, authz, server);
    }

    public String clientId() {
        return realm.getClientById(server.getClientId()).getClientId();
    }

    public Resource resource(String name) {
        Resource r = authz.getStoreFactory().getResourceStore().findByName(server, name, server.getClientId());
        return r != null && DatasetAttributes.TYPE.equals(r.getType()) ? r : null;
    }

    public Resource require(String name) {
        Resource r = resource(name);
        if (r == null) {
            throw CityIamException.notFound("dataset_not_found", "No dataset '" + name + "' in realm " + realm.getName() + ".");
        }
        return r;
    }

    public boolean exists(String name) {
        return resource(name) != null;
    }

    public List<Resource> list(int first, int max) {
        return authz.getStoreFactory().getResourceStore().find(server,
                Map.of(Resource.FilterOption.TYPE, new String[]{DatasetAttributes.TYPE}), first, max);
    }

    /** Creates or replaces a dataset; its policy version goes up by one on every change. @return true when created */
    public boolean put(DatasetDefinition definition) {
        return putAll(List.of(definition)).contains(definition.name());
    }

    /**
     * Creates or replaces datasets in one pass: the wiring and the existing datasets are read once, then
     * nothing is queried per dataset, so Hibernate does not flush (and dirty-check) once per item.
     *
     * @return the names that were created
     */
    public Set<String> putAll(List<DatasetDefinition> definitions) {
        List<Scope> scopes = wire();
        Map<String, Resource> existing = new HashMap<>();
        authz.getStoreFactory().getResourceStore().findByResourceServer(server).forEach(r -> existing.put(r.getName(), r));
        Set<String> created = new HashSet<>();
        for (DatasetDefinition definition : definitions) {
            Resource r = existing.get(definition.name());
            if (r != null && !DatasetAttributes.TYPE.equals(r.getType())) {
                throw CityIamException.conflict("resource_exists", "Resource '" + definition.name()
                        + "' exists on the resource server and is not a dataset.");
            }
            Dataset dataset = definition.validate(r == null ? 1 : safeVersion(r) + 1);
            if (r == null) {
                r = authz.getStoreFactory().getResourceStore().create(server, definition.name(), server.getClientId());
                r.setType(DatasetAttributes.TYPE);
                existing.put(definition.name(), r);
                created.add(definition.name());
            }
            write(r, definition, dataset, scopes);
        }
        return created;
    }

    private static void write(Resource r, DatasetDefinition definition, Dataset dataset, List<Scope> scopes) {
        r.setDisplayName(definition.displayName());
        r.updateUris(definition.uris() == null ? Set.of() : new LinkedHashSet<>(definition.uris()));
        r.updateScopes(new HashSet<>(scopes));
        Map<String, List<String>> attributes = DatasetAttributes.write(dataset);
        for (String name : new ArrayList<>(r.getAttributes().keySet())) {
            if (!attributes.containsKey(name)) {
                r.removeAttribute(name);
            }
        }
        attributes.forEach(r::setAttribute);
    }

    /** Refuses, before anything is written, names already taken by resources that are not datasets. */
    public void refuseForeign(Set<String> names) {
        for (Resource r : authz.getStoreFactory().getResourceStore().findByResourceServer(server)) {
            if (names.contains(r.getName()) && !DatasetAttributes.TYPE.equals(r.getType())) {
                throw CityIamException.conflict("resource_exists", "Resource '" + r.getName()
                        + "' exists on the resource server and is not a dataset.");
            }
        }
    }

    /** The names of all datasets, for checks that must not query once per item. */
    public Set<String> names() {
        Set<String> names = new HashSet<>();
        authz.getStoreFactory().getResourceStore().findByType(server, DatasetAttributes.TYPE, r -> names.add(r.getName()));
        return names;
    }

    public void delete(String name) {
        authz.getStoreFactory().getResourceStore().delete(require(name).getId());
    }

    public DatasetDefinition definition(Resource r) {
        try {
            Dataset d = DatasetAttributes.read(r.getName(), r.getAttributes());
            return DatasetAttributes.definition(r.getName(), r.getDisplayName(), List.copyOf(r.getUris()), d);
        } catch (CityIamException e) {
            return DatasetAttributes.broken(r.getName(), r.getDisplayName(), r.getAttributes(), e.description());
        }
    }

    private static int safeVersion(Resource r) {
        try {
            return DatasetAttributes.version(r.getAttributes());
        } catch (CityIamException e) {
            return 0;
        }
    }

    private List<Scope> scopes() {
        List<Scope> list = new ArrayList<>();
        for (DatasetScope s : DatasetScope.values()) {
            Scope scope = authz.getStoreFactory().getScopeStore().findByName(server, s.code());
            list.add(scope != null ? scope : authz.getStoreFactory().getScopeStore().create(server, s.code()));
        }
        return list;
    }

    /** The scopes, the policy and the two permissions; each created only when missing, so admins may extend them. */
    private List<Scope> wire() {
        List<Scope> scopes = scopes();
        Policy policy = authz.getStoreFactory().getPolicyStore().findByName(server, POLICY);
        if (policy == null) {
            DatasetPolicyRepresentation rep = new DatasetPolicyRepresentation();
            rep.setName(POLICY);
            rep.setDescription("Sensitivity class, purpose, organisation, agreement, assurance and device rules of each dataset");
            policy = authz.getStoreFactory().getPolicyStore().create(server, rep);
        }
        for (Scope scope : scopes) {
            String name = "datasets: " + scope.getName();
            if (authz.getStoreFactory().getPolicyStore().findByName(server, name) == null) {
                ScopePermissionRepresentation rep = new ScopePermissionRepresentation();
                rep.setName(name);
                rep.setDescription("Every dataset's " + scope.getName() + " is decided by the " + POLICY + " policy");
                rep.addScope(scope.getId());
                rep.addPolicy(policy.getId());
                rep.setDecisionStrategy(DecisionStrategy.UNANIMOUS);
                Policy permission = authz.getStoreFactory().getPolicyStore().create(server, rep);
                RepresentationToModel.toModel(rep, authz, permission);
            }
        }
        return scopes;
    }
}
