package city.iam.bench;

import city.iam.testing.Http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What every harness reports: medians of per-round figures, nearest-rank percentiles, and setup checks. */
public final class Stats {

    private Stats() {
    }

    public static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        Collections.sort(s);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** Nearest-rank percentile of latencies, in the unit they were recorded in; NaN when there are none. */
    public static double percentile(List<Long> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    public static Http.Reply expect(int status, Http.Reply r) {
        if (r.status() != status) {
            throw new IllegalStateException("expected " + status + " but got " + r);
        }
        return r;
    }
}
