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
 * References to the realm's own groups, roles and people, which the directory does not declare (they come with the
 * realm JSON or the user directory), checked against the live realm after it is read and before anything is written: a review scope
 * or a birthright rule naming a missing group must not fail half-way through an apply.
 */
public final class LiveReferences {

    /** The types whose objects name groups or roles; only they make the tool read the realm's names. */
    public static final Set<ObjectType> TYPES = EnumSet.of(ObjectType.REVIEW_DEFINITIONS, ObjectType.BIRTHRIGHT_POLICY,
            ObjectType.IDENTITY_PROVIDERS);

    private LiveReferences() {
    }

    /** Whether anything must be checked against the live realm: names (see {@link #namesNeeded}) or people. */
    public static boolean needed(DesiredState state) {
        return namesNeeded(state) || !usernames(state).isEmpty();
    }

    /** Whether the realm's group, role and organisation names must be read (one partial export). */
    public static boolean namesNeeded(DesiredState state) {
        return state.types().stream().anyMatch(TYPES::contains);
    }

    /**
     * The people the directory names — enrollment group owners and reviewers of type {@code users} — which the
     * tool looks up in the realm before {@link #check}; the server refuses an unknown one with 400, half-way
     * through an apply, if nobody checks first.
     */
    public static Set<String> usernames(DesiredState state) {
        Set<String> names = new java.util.TreeSet<>();
        people(state, (d, at, name) -> names.add(name));
        return names;
    }

    private interface Person {
        void named(Declared d, String at, String usernameOrId);
    }

    private static void people(DesiredState state, Person person) {
        for (Declared g : declared(state, ObjectType.ENROLLMENT_GROUPS)) {
            JsonNode owner = g.object().path("owner");
            if (owner.isTextual() && !owner.asText().isBlank()) {
                person.named(g, "/owner", owner.asText().trim());
            }
        }
        for (Declared d : declared(state, ObjectType.REVIEW_DEFINITIONS)) {
            for (Map.Entry<String, JsonNode> r : d.object().path("reviewers").properties()) {
                JsonNode users = r.getValue().path("users");
                for (int i = 0; i < users.size(); i++) {
                    person.named(d, "/reviewers/" + r.getKey() + "/users/" + i, users.get(i).asText());
                }
            }
        }
    }

    /** {@code users}: which of {@link #usernames} the realm has. */
    public static List<Problem> check(DesiredState state, RealmNames realm, Set<String> users, String realmName) {
        Finder f = new Finder(realm, realmName, new ArrayList<>());
        people(state, (d, at, name) -> f.missing(d, at, users.contains(name), "user " + name, "people come from the realm JSON or the realm's user directory"));
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
        // A birthright rule or an identity provider may name an organisation the directory creates, or one the realm has.
        Set<String> declaredOrgs = state.of(ObjectType.ORGANIZATIONS).map(d -> d.objects().keySet()).orElse(Set.of());
        for (Declared p : declared(state, ObjectType.BIRTHRIGHT_POLICY)) {
            JsonNode rules = p.object().path("rules");
            for (int i = 0; i < rules.size(); i++) {
                String at = "/rules/" + i;
                rules.get(i).path("groups").forEach(g -> f.group(p, at + "/groups", g.asText()));
                rules.get(i).path("realm_roles").forEach(r -> f.realmRole(p, at + "/realm_roles", r.asText()));
                rules.get(i).path("client_roles").forEach(r -> f.clientRole(p, at + "/client_roles", r.path("client").asText(), r.path("role").asText()));
                String org = rules.get(i).path("when").path("organization").asText(null);
                if (org != null && !declaredOrgs.contains(org)) {
                    f.missing(p, at + "/when/organization", realm.organizations().contains(org), "organisation " + org);
                }
            }
        }
        // An identity provider may link to an organisation the directory creates, or to one the realm has.
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
            missing(d, at, realm.groupPaths().contains(path), "group " + path, ROLES_AND_GROUPS);
        }

        void realmRole(Declared d, String at, String role) {
            missing(d, at, realm.realmRoles().contains(role), "realm role " + role, ROLES_AND_GROUPS);
        }

        void clientRole(Declared d, String at, String client, String role) {
            missing(d, at, realm.clientRoles().contains(client + "/" + role), "client role " + role + " of client " + client, ROLES_AND_GROUPS);
        }

        private static final String ROLES_AND_GROUPS = "groups and roles come from the realm JSON";

        void missing(Declared d, String at, boolean exists, String what) {
            missing(d, at, exists, what, ROLES_AND_GROUPS);
        }

        void missing(Declared d, String at, boolean exists, String what, String whence) {
            if (!exists) {
                String who = d.type().singleton() ? d.type().key().replace('_', ' ') : d.type().key() + " '" + d.id() + "'";
                problems.add(new Problem(d.file(), d.pointer() + at, who + " names " + what + ", which realm " + realmName
                        + " does not have (" + whence + ", not from this directory)."));
            }
        }
    }
}
