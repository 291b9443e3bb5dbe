package city.iam.realmconfig.plan;

import city.iam.realmconfig.model.ObjectType;

import java.util.List;
import java.util.Map;

/**
 * The changes that bring a realm to the declared state, in the order they must run: creates and updates by
 * type order, then deletes in reverse type order (agreements before the datasets they name).
 * {@code untouched} counts live objects that are not declared in a type that is not fully managed.
 */
public record Plan(List<Change> changes, Map<ObjectType, Integer> untouched) {

    public boolean empty() {
        return changes.isEmpty();
    }

    public long count(Action action) {
        return changes.stream().filter(c -> c.action() == action).count();
    }

    public List<Change> of(ObjectType type) {
        return changes.stream().filter(c -> c.type() == type).toList();
    }

    /** What a reviewer reads: one line per change, then a summary. */
    public String render() {
        StringBuilder out = new StringBuilder();
        for (Change c : changes) {
            out.append("  ").append(c.action().sign()).append(' ').append(c.type().key()).append(' ').append(c.id());
            if (c.action() == Action.UPDATE) {
                out.append("  (").append(String.join(", ", c.fields())).append(')');
            }
            out.append('\n');
        }
        untouched.forEach((type, n) -> {
            if (n > 0) {
                out.append("  (").append(n).append(' ').append(type.key()).append(" not declared, left alone: ")
                        .append(type.fileName()).append(" is not fully_managed)\n");
            }
        });
        if (changes.isEmpty()) {
            out.append("No changes: the realm matches the directory.\n");
        } else {
            out.append("Plan: ").append(count(Action.CREATE)).append(" to create, ").append(count(Action.UPDATE))
                    .append(" to update, ").append(count(Action.DELETE)).append(" to delete.\n");
        }
        return out.toString();
    }
}
