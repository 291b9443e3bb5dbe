#!/usr/bin/env bash
# Home-realm discovery lookup over 10 000 domains (JMH, SampleTime: p50/p99 per call). Extra JMH options pass
# through, e.g. benchmarks/federation/jmh.sh -wi 1 -i 2 for a quick look.
set -euo pipefail
source "$(dirname "$0")/../lib/prepare.sh"
"$server_java/bin/java" -version 2>&1 | head -n 1
"$server_java/bin/java" -cp "$bench_cp" org.openjdk.jmh.Main DomainLookupJmh "$@"
