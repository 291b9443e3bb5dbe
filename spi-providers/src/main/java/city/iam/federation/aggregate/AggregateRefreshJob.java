package city.iam.federation.aggregate;

import city.iam.kernel.audit.Actor;
import city.iam.kernel.error.CityIamException;
import city.iam.kernel.job.Batch;
import city.iam.kernel.job.Job;
import city.iam.kernel.job.RunContext;
import city.iam.kernel.time.KeycloakClock;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Refreshes a realm's aggregates whose refresh interval has passed, one aggregate per step (the cursor is the
 * last aggregate done). A failed refresh keeps the IdPs as they were and records the error in the status; it
 * does not stop the others. The kernel's job engine makes sure one node in the cluster runs it.
 */
public final class AggregateRefreshJob implements Job {

    public static final String NAME = "federation-aggregate-refresh";
    private static final Logger LOG = Logger.getLogger(AggregateRefreshJob.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Duration interval() {
        return Duration.ofMinutes(5);
    }

    @Override
    public boolean scheduledIn(KeycloakSession session, RealmModel realm) {
        return !due(realm, KeycloakClock.INSTANCE.instant()).isEmpty();
    }

    @Override
    public Batch step(KeycloakSession session, RealmModel realm, RunContext run, String cursor) {
        List<AggregateDefinition> due = due(realm, KeycloakClock.INSTANCE.instant()).stream()
                .filter(d -> cursor == null || d.name().compareTo(cursor) > 0).toList();
        if (due.isEmpty()) {
            return Batch.last(cursor, 0, 0);
        }
        AggregateDefinition def = due.get(0);
        AggregateStore store = new AggregateStore(realm);
        long changed = 0;
        try {
            AggregateService.Summary s = AggregateService.refresh(session, realm, def, Actor.system(NAME), run.trigger());
            changed = s.sync().created() + s.sync().updated() + s.sync().disabled();
        } catch (CityIamException e) {
            LOG.warnf("refresh of aggregate %s in realm %s refused: %s", def.name(), realm.getName(), e.description());
            AggregateStore.Status old = store.status(def.name()).orElse(null);
            store.status(def.name(), new AggregateStore.Status(KeycloakClock.INSTANCE.instant().toString(),
                    old == null ? null : old.lastSuccess(), old == null ? null : old.validUntil(),
                    old == null ? null : old.idps(), e.error() + ": " + e.description(), run.trigger()));
        }
        return due.size() == 1 ? Batch.last(def.name(), 1, changed) : Batch.more(def.name(), 1, changed);
    }

    private static List<AggregateDefinition> due(RealmModel realm, Instant now) {
        AggregateStore store = new AggregateStore(realm);
        return store.all().stream()
                .filter(d -> d.isEnabled() && d.url() != null && d.refresh() != null)
                .filter(d -> store.status(d.name()).map(AggregateStore.Status::lastAttempt)
                        .map(t -> !Instant.parse(t).plus(d.refresh()).isAfter(now)).orElse(true))
                .toList();
    }
}
