package city.iam.realmconfig.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs independent writes a few at a time. Only writes without a shared invariant go through here (distinct
 * organisations, distinct enrollment groups, disjoint dataset chunks); agreements, whose duplicate check spans
 * the realm, are written by one call. The first failure is rethrown once the running writes have finished.
 */
final class Parallel {

    private Parallel() {
    }

    static void run(List<Runnable> tasks, int threads) {
        if (threads <= 1 || tasks.size() <= 1) {
            tasks.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, tasks.size()), r -> {
            Thread t = new Thread(r, "realm-config-write");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            RuntimeException first = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re : new RemoteFailure(e.getCause().toString(), e.getCause());
                        futures.forEach(x -> x.cancel(false));
                    }
                } catch (java.util.concurrent.CancellationException e) {
                    // cancelled after an earlier failure
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new RemoteFailure("Interrupted while writing", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
