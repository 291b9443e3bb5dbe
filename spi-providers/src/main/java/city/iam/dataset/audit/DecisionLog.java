package city.iam.dataset.audit;

import city.iam.dataset.jpa.DecisionEntity;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.KeycloakModelUtils;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes decision records off the request path: requests enqueue, one thread per node writes batches in
 * their own transactions. A full queue makes the request wait briefly (back-pressure) rather than lose a
 * record; only when that wait runs out is a record dropped, and the drop is counted and logged.
 */
public final class DecisionLog {

    private static final Logger LOG = Logger.getLogger(DecisionLog.class);
    private static final int CAPACITY = 50_000;
    private static final int BATCH = 500;

    private final KeycloakSessionFactory factory;
    private final BlockingQueue<DecisionEntity> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final Thread writer;
    private volatile boolean running = true;

    public DecisionLog(KeycloakSessionFactory factory) {
        this.factory = factory;
        this.writer = new Thread(this::drain, "city-iam-decision-audit");
        writer.setDaemon(true);
        writer.start();
    }

    public void record(DecisionEntity decision) {
        try {
            if (!queue.offer(decision, 2, TimeUnit.SECONDS)) {
                long n = dropped.incrementAndGet();
                LOG.warnf("decision audit queue full: dropped decision %s (%d dropped so far)", decision.getId(), n);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            dropped.incrementAndGet();
        }
    }

    public long written() {
        return written.get();
    }

    public long dropped() {
        return dropped.get();
    }

    /** Stops taking new work and writes what is queued before the server goes down. */
    public void stop() {
        running = false;
        writer.interrupt();
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        List<DecisionEntity> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                DecisionEntity first = running ? queue.poll(1, TimeUnit.SECONDS) : queue.poll();
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                running = false;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<DecisionEntity> batch) {
        try {
            int[] kept = {0};
            KeycloakModelUtils.runJobInTransaction(factory, session -> {
                EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
                Map<String, Boolean> realms = new HashMap<>();
                for (DecisionEntity decision : batch) {
                    // A realm removed while its records waited here took its other records with it; these go too.
                    if (realms.computeIfAbsent(decision.getRealmId(), id -> session.realms().getRealm(id) != null)) {
                        em.persist(decision);
                        kept[0]++;
                    }
                }
            });
            written.addAndGet(kept[0]);
        } catch (RuntimeException e) {
            // The realm may be gone, or the database briefly away: count the loss, keep the thread alive.
            dropped.addAndGet(batch.size());
            LOG.errorf(e, "could not write %d decision records", batch.size());
        }
    }
}
