package city.iam.realmconfig.plan;

import city.iam.realmconfig.model.Declaration;
import city.iam.realmconfig.model.Declared;
import city.iam.realmconfig.model.DesiredState;
import city.iam.realmconfig.model.LiveObject;
import city.iam.realmconfig.model.LiveState;
import city.iam.realmconfig.model.ObjectType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/** Compares the declared state with the live one, both canonical; pure, so it is tested without a server. */
public final class Planner {

    private Planner() {
    }

    public static Plan plan(DesiredState desired, LiveState live) {
        List<Change> upserts = new ArrayList<>();
        List<Change> deletes = new ArrayList<>();
        Map<ObjectType, Integer> untouched = new EnumMap<>(ObjectType.class);
        for (ObjectType type : ObjectType.values()) {
            Declaration declaration = desired.of(type).orElse(null);
            if (declaration == null) {
                continue;
            }
            Map<String, LiveObject> current = live.of(type);
            for (Declared d : declaration.objects().values()) {
                LiveObject l = current.get(d.id());
                if (l == null) {
                    upserts.add(new Change(type, d.id(), Action.CREATE, List.of(), d.object(), null, null));
                } else {
                    List<String> fields = differences(d.object(), type.comparable(d.object(), l.object()));
                    if (!fields.isEmpty()) {
                        upserts.add(new Change(type, d.id(), Action.UPDATE, fields, d.object(), l.object(), l.serverId()));
                    }
                }
            }
            int left = 0;
            for (LiveObject l : new java.util.TreeMap<>(current).values()) {
                if (declaration.objects().containsKey(l.id())) {
                    continue;
                }
                if (declaration.fullyManaged() && type.atServerDefaults(l.object())) {
                    continue;
                }
                if (declaration.fullyManaged()) {
                    deletes.add(new Change(type, l.id(), Action.DELETE, List.of(), null, l.object(), l.serverId()));
                } else {
                    left++;
                }
            }
            untouched.put(type, left);
        }
        // Deletes run after every create and update, last type first.
        deletes.sort((a, b) -> Integer.compare(b.type().ordinal(), a.type().ordinal()));
        List<Change> all = new ArrayList<>(upserts);
        all.addAll(deletes);
        return new Plan(all, untouched);
    }

    /** The top-level fields whose values differ, sorted. */
    static List<String> differences(ObjectNode desired, ObjectNode live) {
        TreeSet<String> names = new TreeSet<>();
        desired.fieldNames().forEachRemaining(names::add);
        live.fieldNames().forEachRemaining(names::add);
        List<String> changed = new ArrayList<>();
        for (String name : names) {
            JsonNode a = desired.get(name);
            JsonNode b = live.get(name);
            if (!Objects.equals(a, b)) {
                changed.add(name);
            }
        }
        return changed;
    }
}
