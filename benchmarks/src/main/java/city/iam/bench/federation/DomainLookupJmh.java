package city.iam.bench.federation;

import city.iam.federation.discovery.DomainIndex;
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

import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Home-realm discovery lookup over 10 000 organisation domains, a fifth of them wildcards (issue 5 target
 * ≤ 50 µs). Each call looks up a random address: exact hits, wildcard hits two labels deep, and misses.
 * Run: {@code benchmarks/federation/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 5)
@Fork(1)
public class DomainLookupJmh {

    static final int DOMAINS = 10_000;

    DomainIndex<String> index;
    String[] addresses;
    final SplittableRandom random = new SplittableRandom(7);

    @Setup
    public void setUp() {
        DomainIndex.Builder<String> b = DomainIndex.builder();
        for (int i = 0; i < DOMAINS; i++) {
            b.add(i % 5 == 0 ? "*.org" + i + ".example" : "org" + i + ".example", "org-" + i);
        }
        index = b.build();
        addresses = new String[4096];
        for (int i = 0; i < addresses.length; i++) {
            int org = random.nextInt(DOMAINS);
            addresses[i] = switch (i % 3) {
                case 0 -> "user" + i + "@org" + org + ".example";
                case 1 -> "user" + i + "@dept.site.org" + (org - org % 5) + ".example";
                default -> "user" + i + "@unknown" + org + ".example";
            };
        }
    }

    @Benchmark
    public Optional<String> lookup() {
        return index.lookup(addresses[random.nextInt(addresses.length)]);
    }
}
