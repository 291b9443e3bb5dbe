package city.iam.review.notice;

import city.iam.review.definition.Notifications;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which notices of a stage are due at a moment: assignment as soon as it opens; of the reminders, only the
 * latest whose time has come (a job that was down does not send a stale reminder after a newer one), and none
 * that would fall before the stage opened or after its deadline; escalation once {@code escalate_after} has
 * passed. Pure, so the rules are unit-tested without a server.
 */
public final class NoticePlan {

    public static final String OPENED = "opened";
    public static final String ESCALATION = "escalation";

    /**
     * A notice kind at a point of the stage; the point keys it, so each goes out once per reviewer. {@code at}
     * is when a reminder fell due: a reviewer told anything since then needs no reminder for it.
     */
    public record Due(NoticeKind kind, String point, Instant at) {
        public Due(NoticeKind kind, String point) {
            this(kind, point, null);
        }
    }

    private NoticePlan() {
    }

    public static List<Due> due(Notifications n, Instant stageStart, Instant deadline, Instant now) {
        List<Due> due = new ArrayList<>();
        if (now.isBefore(stageStart) || !now.isBefore(deadline)) {
            return due;
        }
        if (n.assignment()) {
            due.add(new Due(NoticeKind.ASSIGNED, OPENED));
        }
        if (escalationDue(n, stageStart, now)) {
            due.add(new Due(NoticeKind.ESCALATED, ESCALATION));
        }
        Duration latest = null;
        for (Duration before : n.reminders()) {
            Instant at = deadline.minus(before);
            if (at.isAfter(stageStart) && !at.isAfter(now)) {
                latest = before;
            }
        }
        if (latest != null) {
            due.add(new Due(NoticeKind.REMINDER, Notifications.iso(latest), deadline.minus(latest)));
        }
        return due;
    }

    public static boolean escalationDue(Notifications n, Instant stageStart, Instant now) {
        return n.escalateAfter() != null && !stageStart.plus(n.escalateAfter()).isAfter(now);
    }
}
