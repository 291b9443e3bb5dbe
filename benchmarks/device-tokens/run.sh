#!/usr/bin/env bash
# Device-identity load harness (issue: device-identity performance). Starts Keycloak 26.7.3 with the all-in-one
# jar over HTTPS with client certificates, enrols DEVICES devices, then measures interleaved windows of stock
# client-x509 grants and device grants, then seeds the registry to SEED_TO devices and measures again.
#   DEVICES=1000 SEED_TO=100000 ROUNDS=5 WINDOW=20 WARMUP=60 benchmarks/device-tokens/run.sh
set -euo pipefail
source "$(dirname "$0")/../lib/prepare.sh"
java -cp "$bench_cp" \
  -Droot="$root" -Dserver.java.home="$server_java" \
  -Dserver.java.version="$("$server_java/bin/java" -version 2>&1 | head -n 1)" \
  -Ddevices="${DEVICES:-1000}" -DseedTo="${SEED_TO:-100000}" -Drounds="${ROUNDS:-5}" \
  -DwindowSeconds="${WINDOW:-20}" -DwarmupSeconds="${WARMUP:-60}" \
  city.iam.bench.DeviceTokenBench
