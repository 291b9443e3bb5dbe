#!/usr/bin/env bash
# Dataset authorization load harness: UMA decisions with the dataset policy vs a stock role policy (interleaved),
# research scenario S6 (paced decision-endpoint calls, audit count), and the 1 000-dataset catalogue over time.
#   ROUNDS=5 WINDOW=20 WARMUP=60 CATALOGUE_MINUTES=30 benchmarks/datasets/run.sh
set -euo pipefail
source "$(dirname "$0")/../lib/prepare.sh"
java -cp "$bench_cp" \
  -Droot="$root" -Dserver.java.home="$server_java" \
  -Dserver.java.version="$("$server_java/bin/java" -version 2>&1 | head -n 1)" \
  -Drounds="${ROUNDS:-5}" -DwindowSeconds="${WINDOW:-20}" -DwarmupSeconds="${WARMUP:-60}" \
  -DcatalogueMinutes="${CATALOGUE_MINUTES:-30}" -DpacedCalls="${PACED_CALLS:-10000}" \
  city.iam.bench.dataset.DatasetLoad
