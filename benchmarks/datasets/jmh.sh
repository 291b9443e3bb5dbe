#!/usr/bin/env bash
# In-process dataset decision benchmark (JMH, SampleTime: p50/p99 per call). Extra JMH options pass through,
# e.g. benchmarks/datasets/jmh.sh -f 1 -wi 1 -i 2 for a quick look.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source "$root/distribution/pick-java.sh"
java_home="$(pick_java)"; java_home="${java_home:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
./mvnw -q -B -DskipTests install
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
"$java_home/bin/java" -version 2>&1 | head -n 1
"$java_home/bin/java" -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" org.openjdk.jmh.Main DatasetDecisionJmh "$@"
