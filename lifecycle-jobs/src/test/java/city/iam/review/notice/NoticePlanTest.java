package city.iam.review.notice;

import city.iam.review.definition.Notifications;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NoticePlanTest {

    static final Instant START = Instant.parse("2026-12-01T00:00:00Z");
    static final Instant DEADLINE = START.plus(Duration.ofDays(10));
    static final Notifications N = new Notifications(true, List.of(Duration.ofDays(5), Duration.ofDays(2)), Duration.ofDays(6), "esc", null);

    static List<String> at(Notifications n, double days) {
        return NoticePlan.due(n, START, DEADLINE, START.plusSeconds((long) (days * 86_400))).stream()
                .map(d -> d.kind() + " " + d.point()).toList();
    }

    @Test
    void assignmentFromTheStartThenEscalationAndTheLatestReminderDue() {
        assertEquals(List.of("ASSIGNED opened"), at(N, 0));
        assertEquals(List.of("ASSIGNED opened", "REMINDER P5D"), at(N, 5.5));
        assertEquals(List.of("ASSIGNED opened", "ESCALATED escalation", "REMINDER P5D"), at(N, 6));
        assertEquals(List.of("ASSIGNED opened", "ESCALATED escalation", "REMINDER P2D"), at(N, 9));
    }

    @Test
    void nothingOutsideTheStageAndNoReminderBeforeItOpened() {
        assertEquals(List.of(), at(N, -1));
        assertEquals(List.of(), at(N, 10));
        Notifications early = new Notifications(false, List.of(Duration.ofDays(12)), null, null, null);
        assertEquals(List.of(), at(early, 3));
    }

    @Test
    void aReminderIsDueFromItsPointOn() {
        NoticePlan.Due reminder = NoticePlan.due(N, START, DEADLINE, START.plus(Duration.ofDays(9))).get(2);
        assertEquals(DEADLINE.minus(Duration.ofDays(2)), reminder.at());
    }
}
