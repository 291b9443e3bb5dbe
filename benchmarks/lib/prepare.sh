# Sourced by the benchmark scripts: builds the suite and the benchmark classpath, and picks the newest JDK
# (>= 21) for the server, as the dev server does. Sets $root, $server_java and $bench_cp.
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
source "$root/distribution/pick-java.sh"
server_java="$(pick_java)"; server_java="${server_java:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
./mvnw -q -B -DskipTests install
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
bench_cp="benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)"
