package city.iam.lifecycle.birthright;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to do about one user's birthright grants, plain Java: grant what the rules now give, start the grace
 * clock on what they no longer give, stop it for what they give again, remove what has run out its grace. A
 * target the user holds by other means (given by hand) is never granted or recorded, so it is never removed.
 */
public record Reconciliation(List<String> grant, List<String> scheduleRemoval, List<String> cancelRemoval, List<String> remove) {

    /** A recorded grant: target id and when it is due to go (null: not scheduled). */
    public record Held(String targetId, Long removeAfter) {
    }

    public static Reconciliation of(Set<String> entitled, Set<String> heldOtherwise, Map<String, Held> recorded, long now) {
        List<String> grant = new ArrayList<>();
        List<String> schedule = new ArrayList<>();
        List<String> cancel = new ArrayList<>();
        List<String> remove = new ArrayList<>();
        for (String target : entitled) {
            Held held = recorded.get(target);
            if (held == null) {
                if (!heldOtherwise.contains(target)) {
                    grant.add(target);
                }
            } else if (held.removeAfter() != null) {
                cancel.add(target);
            }
        }
        for (Held held : recorded.values()) {
            if (entitled.contains(held.targetId())) {
                continue;
            }
            if (held.removeAfter() == null) {
                schedule.add(held.targetId());
            } else if (held.removeAfter() <= now) {
                remove.add(held.targetId());
            }
        }
        return new Reconciliation(grant, schedule, cancel, remove);
    }

    public boolean changes() {
        return !grant.isEmpty() || !scheduleRemoval.isEmpty() || !cancelRemoval.isEmpty() || !remove.isEmpty();
    }

    /** A user who had birthright access and now qualifies for different access has moved (LJ-33). */
    public boolean isMove(boolean hadAny) {
        return hadAny && !grant.isEmpty() && !scheduleRemoval.isEmpty();
    }
}
