package city.iam.review.sod;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.job.Batch;
import city.iam.kernel.job.Job;
import city.iam.kernel.job.RunContext;
import city.iam.kernel.json.Json;
import city.iam.kernel.time.KeycloakClock;
import city.iam.lifecycle.finding.FindingKind;
import city.iam.lifecycle.finding.FindingStore;
import city.iam.lifecycle.finding.Observation;
import city.iam.review.campaign.CampaignLauncher;
import city.iam.review.campaign.EffectiveAccess;
import city.iam.review.campaign.SnapshotWalk;
import city.iam.review.definition.DefinitionDocument;
import city.iam.review.definition.ReviewDefinition;
import city.iam.review.definition.ReviewDefinitions;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.persistence.EntityManager;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Job {@value #NAME}: the detective SoD scan (LJ-24, LJ-25). For each rule it finds, set-wise, who holds both sides
 * (through any grant path), keeps one {@code sod_conflict} finding per such person (resolved by the first complete
 * scan that no longer sees them), and opens an SoD review for each conflict nobody is looking at: a one-person
 * campaign over the rule's reviewed side, following the rule's definition (reviewers, stages, notices), with a DENY
 * recommendation that names the conflict. A conflict is looked at while its SoD campaign is open, or while an
 * exception granted in it runs (at its end the review job removes the reviewed side). ACCEPT is refused on SoD items.
 */
public final class SodScan implements Job {

    public static final String NAME = "sod-scan";
    /** The trigger recorded on SoD campaigns, followed by the rule id. */
    public static final String TRIGGER = "sod:";
    static final int LAUNCHES_PER_BATCH = 50;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(15);
    }

    @Override
    public boolean scheduledIn(KeycloakSession session, RealmModel realm) {
        return !SodRules.document(realm).rules().isEmpty();
    }

    @Override
    public Batch step(KeycloakSession session, RealmModel realm, RunContext run, String cursor) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        long now = KeycloakClock.INSTANCE.millis();
        EffectiveAccess access = new EffectiveAccess(session, realm, em);
        Map<String, Observation> seen = new LinkedHashMap<>();
        int launched = 0;
        boolean capped = false;
        for (SodRule rule : SodRules.rules(realm)) {
            Map<String, String> conflicts = holders(access, rule.reviewed());
            conflicts.keySet().retainAll(holders(access, rule.conflicting()).keySet());
            conflicts.forEach((userId, username) -> seen.merge(userId, new Observation(FindingKind.SOD_CONFLICT, userId, username,
                    "holds " + rule.reviewed().describe() + " and " + rule.conflicting().describe() + " (rule " + rule.id() + ")"),
                    (a, b) -> new Observation(a.kind(), a.subjectId(), a.subjectName(), a.detail() + "; " + b.detail())));
            Set<String> open = new HashSet<>(conflicts.keySet());
            open.removeAll(underReview(em, realm.getId(), rule));
            Optional<DefinitionDocument> definition = ReviewDefinitions.document(realm, rule.definitionId());
            for (String userId : open) {
                if (definition.isEmpty()) {
                    break;
                }
                if (launched == LAUNCHES_PER_BATCH) {
                    capped = true;
                    break;
                }
                if (new CampaignLauncher(session, realm, em).launchIfAny(scopedTo(definition.get(), rule),
                        TRIGGER + rule.id() + ":" + userId + ":" + now, Actor.system(NAME), TRIGGER + rule.id(), now,
                        new SnapshotWalk(session, realm, em).discretionaryAccessOf(userId, Set.of()), rule.reason()) != null) {
                    launched++;
                }
            }
        }
        FindingStore findings = new FindingStore(session, realm, em);
        List<Observation> observations = new ArrayList<>(seen.values());
        long opened = 0;
        for (int i = 0; i < observations.size(); i += 500) {
            opened += findings.observe(observations.subList(i, Math.min(observations.size(), i + 500)), run.runId(), now);
        }
        if (capped) {
            // The next batch finds the same conflicts, minus those now under review.
            return Batch.more("launched:" + launched, observations.size(), launched + opened);
        }
        long resolved = findings.resolveUnseen(run.runId(), now, FindingKind.SOD_CONFLICT);
        return Batch.last("done", observations.size(), launched + opened + resolved);
    }

    /** Everyone holding the access through any grant path: user id → username. */
    private static Map<String, String> holders(EffectiveAccess access, ReviewDefinition.Selector side) {
        Map<String, String> out = new LinkedHashMap<>();
        EffectiveAccess.Access a = access.access(side);
        if (a != null) {
            access.grants(a, g -> out.putIfAbsent(g.userId(), g.username()));
        }
        return out;
    }

    /** People whose conflict under this rule is being looked at: an SoD campaign still open, or an exception running. */
    private static Set<String> underReview(EntityManager em, String realmId, SodRule rule) {
        return new HashSet<>(em.createQuery("select distinct i.userId from ItemEntity i, CampaignEntity c where c.id = i.campaignId"
                        + " and c.realmId = :realm and c.triggeredBy = :trigger"
                        + " and (c.status <> 'CLOSED' or (i.outcome = 'EXCEPTION' and i.remediation is null))", String.class)
                .setParameter("realm", realmId).setParameter("trigger", TRIGGER + rule.id()).getResultList());
    }

    /** The rule's definition, reviewing the rule's reviewed side only, launched by this scan alone and without a cadence. */
    static DefinitionDocument scopedTo(DefinitionDocument definition, SodRule rule) {
        ObjectNode doc = Json.MAPPER.valueToTree(definition);
        doc.set("scope", Json.MAPPER.valueToTree(new DefinitionDocument.Scope(List.of(rule.document().sides().get(0)), null)));
        doc.remove("recurrence");
        doc.remove("trigger");
        // A conflict is reviewed whenever it is found, however recently its side was certified on its own.
        doc.remove("cadence_by_sensitivity");
        try {
            return Json.MAPPER.treeToValue(doc, DefinitionDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored definition no longer reads back", e);
        }
    }
}
