package city.iam.bench.dataset;

import city.iam.dataset.policy.Agreement;
import city.iam.dataset.policy.AgreementStatus;
import city.iam.dataset.policy.AssuranceLevels;
import city.iam.dataset.policy.ConsentCheck;
import city.iam.dataset.policy.Dataset;
import city.iam.dataset.policy.DatasetDecider;
import city.iam.dataset.policy.DatasetScope;
import city.iam.dataset.policy.Decision;
import city.iam.dataset.policy.Purpose;
import city.iam.dataset.policy.Sensitivity;
import city.iam.dataset.policy.Subject;
import city.iam.dataset.policy.TimeWindow;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * In-process dataset decision (issue target: p50 ≤ 5 µs, p99 ≤ 50 µs with 10 000 datasets and 1 000
 * agreements in memory). Each call picks a dataset and a caller at random, so lookups miss caches as in
 * production; a third of the calls are denials, which build the longer trace.
 * Run: {@code benchmarks/datasets/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
@Fork(1)
public class DatasetDecisionJmh {

    static final int DATASETS = 10_000;
    static final int AGREEMENTS = 1_000;
    static final int ORGS = 100;
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    Dataset[] datasets;
    Subject[] subjects;
    Purpose[] purposes;
    DatasetDecider decider;
    final SplittableRandom random = new SplittableRandom(42);

    @Setup
    public void setUp() {
        purposes = new Purpose[]{Purpose.parse("energy-planning"), Purpose.parse("mobility.planning"), Purpose.parse("research.health"), Purpose.parse("marketing")};
        datasets = new Dataset[DATASETS];
        Sensitivity[] classes = Sensitivity.values();
        for (int i = 0; i < DATASETS; i++) {
            Sensitivity c = classes[i % 3];
            datasets[i] = new Dataset("ds-" + i, c, "city", List.of(purposes[i % 3], Purpose.parse("mobility")),
                    Set.of("org-" + (i % ORGS), "org-" + ((i + 1) % ORGS)), Set.of("research"), i % 7 == 0,
                    i % 5 == 0 ? TimeWindow.parse("Europe/Paris MON-FRI 07:00-19:00") : null,
                    c == Sensitivity.SENSITIVE ? "substantial" : null, c == Sensitivity.SENSITIVE, c == Sensitivity.SENSITIVE, 1);
        }
        // Index agreements by (dataset, organisation), as the database's lookup index does.
        Map<String, List<Agreement>> index = new HashMap<>();
        for (int i = 0; i < AGREEMENTS; i++) {
            Set<String> parties = Set.of("org-" + (i % ORGS));
            Set<String> names = new java.util.HashSet<>();
            for (int d = 0; d < 20; d++) {
                names.add("ds-" + ((i * 10 + d) % DATASETS));
            }
            Agreement a = new Agreement("AG-" + i, null, parties, names, List.of(purposes[i % 3]),
                    NOW.minusSeconds(86_400), i % 10 == 0 ? NOW.minusSeconds(60) : NOW.plusSeconds(86_400 * 30L),
                    AgreementStatus.ACTIVE, i % 4 == 0);
            for (String n : names) {
                index.computeIfAbsent(n + "|" + parties.iterator().next(), k -> new ArrayList<>()).add(a);
            }
        }
        subjects = new Subject[ORGS];
        for (int i = 0; i < ORGS; i++) {
            subjects[i] = new Subject("u" + i, "user" + i, i % 9 != 0, Set.of("org-" + i), Set.of(i % 2 == 0 ? "utility" : "research"),
                    i % 3 == 0 ? "high" : "substantial", i % 3 == 0 ? 3 : 2, "workbench", i % 2 == 0, List.of(purposes[0]), i % 2 == 0, null);
        }
        decider = new DatasetDecider((dataset, orgs) -> {
            List<Agreement> found = new ArrayList<>(2);
            for (String org : orgs) {
                List<Agreement> l = index.get(dataset + "|" + org);
                if (l != null) {
                    found.addAll(l);
                }
            }
            return found;
        }, (s, a, p) -> ConsentCheck.State.GRANTED, new AssuranceLevels(Map.of("substantial", 2, "high", 3)));
    }

    @Benchmark
    public Decision decideData() {
        Dataset d = datasets[random.nextInt(DATASETS)];
        Subject s = subjects[random.nextInt(ORGS)];
        return decider.decide(s, d, DatasetScope.DATA_READ, purposes[random.nextInt(3)], NOW);
    }

    @Benchmark
    public Decision decideMetadata() {
        return decider.decide(subjects[random.nextInt(ORGS)], datasets[random.nextInt(DATASETS)], DatasetScope.METADATA_READ, null, NOW);
    }
}
