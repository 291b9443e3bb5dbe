package city.iam.realmconfig.validate;

import city.iam.realmconfig.load.Pointer;
import city.iam.realmconfig.model.Declaration;
import city.iam.realmconfig.model.Declared;
import city.iam.realmconfig.model.DesiredState;
import city.iam.realmconfig.model.ObjectType;
import city.iam.realmconfig.model.Problem;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Cross-references checked offline, so a broken directory is refused before anything is written. A reference
 * must point at an object the directory declares: the check then does not depend on what happens to be live.
 * Organisation references are checked only when the directory declares organisations (they may also come
 * from the realm's own JSON).
 */
public final class References {

    private References() {
    }

    public static void check(DesiredState state, List<Problem> problems) {
        Set<String> datasets = ids(state, ObjectType.DATASETS);
        Set<String> anchors = ids(state, ObjectType.TRUST_ANCHORS);
        Optional<Set<String>> orgs = state.of(ObjectType.ORGANIZATIONS).map(d -> d.objects().keySet());

        for (Declared a : objects(state, ObjectType.AGREEMENTS)) {
            missing(a, "datasets", datasets, "dataset", ObjectType.DATASETS, problems);
            orgs.ifPresent(o -> missing(a, "parties", o, "organisation", ObjectType.ORGANIZATIONS, problems));
        }
        orgs.ifPresent(o -> {
            for (Declared idp : objects(state, ObjectType.IDENTITY_PROVIDERS)) {
                missing(idp, "organization", o, "organisation", ObjectType.ORGANIZATIONS, problems);
            }
            for (Declared d : objects(state, ObjectType.DATASETS)) {
                missing(d, "owner_organization", o, "organisation", ObjectType.ORGANIZATIONS, problems);
                missing(d, "allowed_organizations", o, "organisation", ObjectType.ORGANIZATIONS, problems);
            }
        });
        for (Declared g : objects(state, ObjectType.ENROLLMENT_GROUPS)) {
            missing(g, "anchors", anchors, "trust anchor", ObjectType.TRUST_ANCHORS, problems);
        }
        domains(state, problems);
        // Objects whose schema check failed are still listed (by id) for the references above; their own rules
        // are only checked once they are well formed.
        for (Declared d : objects(state, ObjectType.REVIEW_DEFINITIONS)) {
            if (wellFormed(d, problems)) {
                ReviewDefinitionChecks.check(d, problems);
            }
        }
        for (Declared d : objects(state, ObjectType.BIRTHRIGHT_POLICY)) {
            if (wellFormed(d, problems)) {
                BirthrightChecks.check(d, problems);
            }
        }
    }

    private static boolean wellFormed(Declared d, List<Problem> problems) {
        return problems.stream().noneMatch(p -> p.file().equals(d.file()) && p.pointer() != null
                && (p.pointer() + "/").startsWith(d.pointer() + "/"));
    }

    /** Keycloak maps an e-mail domain to one organisation: the same domain on two organisations is ambiguous. */
    private static void domains(DesiredState state, List<Problem> problems) {
        Map<String, Declared> owner = new HashMap<>();
        for (Declared org : objects(state, ObjectType.ORGANIZATIONS)) {
            JsonNode domains = org.object().path("domains");
            for (int i = 0; i < domains.size(); i++) {
                String name = domains.get(i).path("name").asText().toLowerCase(Locale.ROOT);
                Declared other = owner.putIfAbsent(name, org);
                if (other != null && other != org) {
                    problems.add(new Problem(org.file(), Pointer.child(org.pointer(), "domains"), "Domain " + name + " of organisation '"
                            + org.id() + "' is already a domain of organisation '" + other.id() + "' (" + other.pointer() + ")."));
                }
            }
        }
    }

    private static void missing(Declared from, String field, Set<String> declared, String what, ObjectType target, List<Problem> problems) {
        JsonNode v = from.object().get(field);
        if (v == null) {
            return;
        }
        List<JsonNode> values = v.isArray() ? iterable(v) : List.of(v);
        for (JsonNode name : values) {
            if (!declared.contains(name.asText())) {
                problems.add(new Problem(from.file(), Pointer.child(from.pointer(), field), from.type().key() + " '" + from.id() + "' names "
                        + what + " '" + name.asText() + "', which " + target.fileName() + " does not declare."));
            }
        }
    }

    private static List<JsonNode> iterable(JsonNode array) {
        java.util.ArrayList<JsonNode> list = new java.util.ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static Set<String> ids(DesiredState state, ObjectType type) {
        return state.of(type).map(d -> d.objects().keySet()).orElse(Set.of());
    }

    private static Iterable<Declared> objects(DesiredState state, ObjectType type) {
        return state.of(type).map(Declaration::objects).map(Map::values).map(List::copyOf).orElse(List.of());
    }
}
