package city.iam.lifecycle.workflow;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.audit.AuditRecord;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

class StepOriginTest {

    private static final List<StepOrigin.Step> STEPS = List.of(
            new StepOrigin.Step("s3", "city-iam-record-evidence", 3),
            new StepOrigin.Step("s1", "notify-user", 1),
            new StepOrigin.Step("s2", "disable-user", 2));

    @Test
    void thePreviousStepIsTheOneBeforeInPriorityOrderNotInStorageOrder() {
        assertEquals("disable-user", StepOrigin.of("wf", "offboard", "s3", STEPS).previousStep());
        assertEquals("notify-user", StepOrigin.of("wf", "offboard", "s2", STEPS).previousStep());
        assertNull(StepOrigin.of("wf", "offboard", "s1", STEPS).previousStep(), "the first step has none");
    }

    @Test
    void theWorkflowIsTheActorAndTheFactsNameIt() {
        StepOrigin origin = StepOrigin.of("wf-1", "offboard", "s3", STEPS);
        assertEquals(new Actor(Actor.SYSTEM, "workflow:wf-1", "workflow:offboard", null), origin.actor());
        ObjectNode facts = AuditRecord.facts();
        origin.addTo(facts);
        assertEquals("offboard", facts.get("workflow").asText());
        assertEquals("disable-user", facts.get("previous_step").asText());
        assertEquals("s3", facts.get("step_id").asText());

        StepOrigin nameless = StepOrigin.of("wf-2", null, "s1", STEPS);
        assertEquals("workflow:wf-2", nameless.actor().name());
        ObjectNode first = AuditRecord.facts();
        nameless.addTo(first);
        assertFalse(first.has("previous_step"));
        assertFalse(first.has("workflow"));
    }
}
