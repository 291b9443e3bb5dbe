package city.iam.lifecycle.tracker;

import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.AbstractKeycloakTransaction;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes last-authentication rows off the login path: after the login's transaction completed, on one
 * factory-owned thread with a bounded queue, in a fresh transaction. A node remembers what it wrote recently
 * and skips a write within the granularity (a minute by default), so a burst of refreshes costs one row
 * update. That memory is only an optimisation: losing it (restart, another node) costs one extra write.
 */
public final class LastAuthWriter {

    private static final Logger LOG = Logger.getLogger(LastAuthWriter.class);
    private static final int MAX_REMEMBERED = 200_000;

    private final KeycloakSessionFactory factory;
    private final long granularityMillis;
    private final Map<String, Long> written = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final ThreadPoolExecutor pool;

    public LastAuthWriter(KeycloakSessionFactory factory, Duration granularity, int queue) {
        this.factory = factory;
        this.granularityMillis = granularity.toMillis();
        this.pool = new ThreadPoolExecutor(1, 1, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue), r -> {
            Thread t = new Thread(r, "city-iam-last-auth");
            t.setDaemon(true);
            return t;
        });
    }

    public void offer(KeycloakSession session, Authentication a) {
        String key = a.key();
        Long last = written.get(key);
        if (last != null && a.at() - last < granularityMillis && a.at() >= last) {
            return;
        }
        if (written.size() > MAX_REMEMBERED) {
            written.clear();
        }
        written.put(key, a.at());
        if (session.getTransactionManager().isActive()) {
            session.getTransactionManager().enlistAfterCompletion(new AbstractKeycloakTransaction() {
                @Override
                protected void commitImpl() {
                    submit(a);
                }

                @Override
                protected void rollbackImpl() {
                    written.remove(key);
                }
            });
        } else {
            submit(a);
        }
    }

    private void submit(Authentication a) {
        try {
            pool.execute(() -> write(a));
        } catch (RejectedExecutionException e) {
            // Never block a login: a full queue drops the write; the user's next login records it.
            written.remove(a.key());
            if (dropped.incrementAndGet() % 1000 == 1) {
                LOG.warnf("last-authentication queue full; %d writes dropped so far", dropped.get());
            }
        }
    }

    private void write(Authentication a) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s ->
                        new LastAuthStore(s.getProvider(JpaConnectionProvider.class).getEntityManager()).record(a));
                return;
            } catch (RuntimeException e) {
                // A second node inserted the same row first: the retry updates it instead.
                if (attempt == 2) {
                    written.remove(a.key());
                    LOG.warnf(e, "recording the last authentication of user %s failed", a.userId());
                }
            }
        }
    }

    public long dropped() {
        return dropped.get();
    }

    public void stop() {
        pool.shutdown();
        try {
            pool.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
