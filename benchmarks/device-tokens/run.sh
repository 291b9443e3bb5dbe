#!/usr/bin/env bash
# Device-identity load harness (issue: device-identity performance). Starts Keycloak 26.7.3 with the all-in-one
# jar over HTTPS with client certificates, enrols DEVICES devices, then measures interleaved windows of stock
# client-x509 grants and device grants, then seeds the registry to SEED_TO devices and measures again.
#   DEVICES=1000 SEED_TO=100000 ROUNDS=5 WINDOW=20 WARMUP=60 benchmarks/device-tokens/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source "$root/distribution/pick-java.sh"
server_java="$(pick_java)"; server_java="${server_java:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
./mvnw -q -B -DskipTests install
./mvnw -q -B -pl benchmarks dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
java -cp "benchmarks/target/classes:$(cat benchmarks/target/classpath.txt)" \
  -Droot="$root" -Dserver.java.home="$server_java" \
  -Dserver.java.version="$("$server_java/bin/java" -version 2>&1 | head -n 1)" \
  -Ddevices="${DEVICES:-1000}" -DseedTo="${SEED_TO:-100000}" -Drounds="${ROUNDS:-5}" \
  -DwindowSeconds="${WINDOW:-20}" -DwarmupSeconds="${WARMUP:-60}" \
  city.iam.bench.DeviceTokenBench
