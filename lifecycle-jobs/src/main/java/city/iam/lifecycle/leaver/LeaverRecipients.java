package city.iam.lifecycle.leaver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who hears that a leaver's access was removed, and about what, in plain Java: the leaver's manager about all
 * of it, each owner about what they own — one mail per person per leaver, so a manager who also owns some of
 * the access gets the manager's mail only, and an owner of several items one mail listing them. The leaver is
 * never a recipient (their account is disabled and they may own their own team's group).
 */
public final class LeaverRecipients {

    /** One removed grant: how people read it ({@code group /staff}, {@code role meter-reader}) and its owner's user id. */
    public record Access(String label, String ownerId) {
    }

    public record Recipient(String userId, boolean manager, List<String> items) {
    }

    private LeaverRecipients() {
    }

    /** Manager first, then owners in the order their access was removed. */
    public static List<Recipient> plan(String leaverId, String managerId, List<Access> removed) {
        boolean hasManager = managerId != null && !managerId.equals(leaverId);
        Map<String, List<String>> owners = new LinkedHashMap<>();
        for (Access a : removed) {
            if (a.ownerId() != null && !a.ownerId().equals(leaverId) && !(hasManager && a.ownerId().equals(managerId))) {
                owners.computeIfAbsent(a.ownerId(), k -> new ArrayList<>()).add(a.label());
            }
        }
        List<Recipient> out = new ArrayList<>();
        if (hasManager) {
            out.add(new Recipient(managerId, true, removed.stream().map(Access::label).toList()));
        }
        owners.forEach((id, items) -> out.add(new Recipient(id, false, List.copyOf(items))));
        return out;
    }
}
