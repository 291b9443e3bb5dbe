package city.iam.realmconfig.validate;

import city.iam.realmconfig.model.Declaration;
import city.iam.realmconfig.model.Declared;
import city.iam.realmconfig.model.DesiredState;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.Problem;
import city.iam.realmconfig.model.RealmNames;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * References to the realm's own groups and roles, which the directory does not declare (they come with the
 * realm JSON), checked against the live realm after it is read and before anything is written: a review scope
 * or a birthright rule naming a missing group must not fail half-way through an apply.
 */
public final class LiveReferences {

    /** The types whose objects name groups or roles; only they make the tool read the realm's names. */
    public static final Set<ObjectType> TYPES = EnumSet.of(ObjectType.REVIEW_DEFINITIONS, ObjectType.BIRTHRIGHT_POLICY,
            ObjectType.IDENTITY_PROVIDERS);

    private LiveReferences() {
    }

    public static boolean needed(DesiredState state) {
        return state.types().stream().anyMatch(TYPES::contains);
    }

    public static List<Problem> check(DesiredState state, RealmNames realm, String realmName) {
        Finder f = new Finder(realm, realmName, new ArrayList<>());
        for (Declared d : declared(state, ObjectType.REVIEW_DEFINITIONS)) {
            JsonNode selectors = d.object().path("scope").path("selectors");
            for (int i = 0; i < selectors.size(); i++) {
                JsonNode s = selectors.get(i);
                String at = "/scope/selectors/" + i;
                switch (s.path("type").asText()) {
                    case "realm_role" -> f.realmRole(d, at, s.path("name").asText());
                    case "client_role" -> f.clientRole(d, at, s.path("client").asText(), s.path("name").asText());
                    case "group" -> f.group(d, at, s.path("path").asText());
                    // Organisations, identity providers and service accounts are checked by the server when it
                    // stores the definition (400, nothing written); accounts name nothing.
                    default -> {
                    }
                }
            }
            for (Map.Entry<String, JsonNode> r : d.object().path("reviewers").properties()) {
                if (r.getValue().hasNonNull("group")) {
                    f.group(d, "/reviewers/" + r.getKey() + "/group", r.getValue().get("group").asText());
                }
            }
            JsonNode breakGlass = d.object().path("blast_radius").path("break_glass_group");
            if (breakGlass.isTextual()) {
                f.group(d, "/blast_radius/break_glass_group", breakGlass.asText());
            }
        }
        for (Declared p : declared(state, ObjectType.BIRTHRIGHT_POLICY)) {
            JsonNode rules = p.object().path("rules");
            for (int i = 0; i < rules.size(); i++) {
                String at = "/rules/" + i;
                rules.get(i).path("groups").forEach(g -> f.group(p, at + "/groups", g.asText()));
                rules.get(i).path("realm_roles").forEach(r -> f.realmRole(p, at + "/realm_roles", r.asText()));
                rules.get(i).path("client_roles").forEach(r -> f.clientRole(p, at + "/client_roles", r.path("client").asText(), r.path("role").asText()));
            }
        }
        // An identity provider may link to an organisation the directory creates, or to one the realm has.
        Set<String> declaredOrgs = state.of(ObjectType.ORGANIZATIONS).map(d -> d.objects().keySet()).orElse(Set.of());
        for (Declared idp : declared(state, ObjectType.IDENTITY_PROVIDERS)) {
            String org = idp.object().path("organization").asText(null);
            if (org != null && !declaredOrgs.contains(org)) {
                f.missing(idp, "/organization", realm.organizations().contains(org), "organisation " + org);
            }
        }
        return f.problems();
    }

    private static List<Declared> declared(DesiredState state, ObjectType type) {
        return state.of(type).map(Declaration::objects).map(m -> List.copyOf(m.values())).orElse(List.of());
    }

    private record Finder(RealmNames realm, String realmName, List<Problem> problems) {

        void group(Declared d, String at, String path) {
            missing(d, at, realm.groupPaths().contains(path), "group " + path);
        }

        void realmRole(Declared d, String at, String role) {
            missing(d, at, realm.realmRoles().contains(role), "realm role " + role);
        }

        void clientRole(Declared d, String at, String client, String role) {
            missing(d, at, realm.clientRoles().contains(client + "/" + role), "client role " + role + " of client " + client);
        }

        private void missing(Declared d, String at, boolean exists, String what) {
            if (!exists) {
                String who = d.type().singleton() ? d.type().key().replace('_', ' ') : d.type().key() + " '" + d.id() + "'";
                problems.add(new Problem(d.file(), d.pointer() + at, who + " names " + what + ", which realm " + realmName
                        + " does not have (groups and roles come from the realm JSON, not from this directory)."));
            }
        }
    }
}
