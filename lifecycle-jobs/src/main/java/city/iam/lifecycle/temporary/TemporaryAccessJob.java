package city.iam.lifecycle.temporary;

import city.iam.kernel.job.Batch;
import city.iam.kernel.job.Job;
import city.iam.kernel.job.RunContext;
import city.iam.kernel.time.KeycloakClock;
import city.iam.lifecycle.jpa.TemporaryGrantEntity;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

import java.time.Duration;
import java.util.List;

/**
 * Job {@value #NAME}: removes temporary grants that have ended and sends the notices of those about to, at most
 * {@value #BATCH} of each per transaction. Every five minutes in a realm with active grants, so access ends
 * within minutes of its expiry. The work is found by status and time, so a resumed run needs no cursor.
 */
public final class TemporaryAccessJob implements Job {

    public static final String NAME = "temporary-access";
    static final int BATCH = 100;

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
        return grants(session, realm).anyActive();
    }

    @Override
    public Batch step(KeycloakSession session, RealmModel realm, RunContext run, String cursor) {
        TemporaryGrants grants = grants(session, realm);
        long now = KeycloakClock.INSTANCE.millis();
        List<TemporaryGrantEntity> expired = grants.endingBy(now, false, BATCH);
        expired.forEach(g -> grants.end(g, TemporaryGrants.EXPIRED, "expiry", now));
        List<TemporaryGrantEntity> soon = grants.endingBy(now + grants.noticeBefore().toMillis(), true, BATCH);
        soon.forEach(g -> grants.notice(g, now));
        int done = expired.size() + soon.size();
        boolean more = expired.size() == BATCH || soon.size() == BATCH;
        return more ? Batch.more(null, done, done) : Batch.last(null, done, done);
    }

    private static TemporaryGrants grants(KeycloakSession session, RealmModel realm) {
        return new TemporaryGrants(session, realm, session.getProvider(JpaConnectionProvider.class).getEntityManager());
    }
}
