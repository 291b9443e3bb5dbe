#!/usr/bin/env bash
# Start time and idle RSS of Keycloak 26.7.3 without (stock) and with the city-iam all-in-one jar, measured in
# the same run: both servers are built once (kc.sh build), started once to create their database, then started
# ROUNDS times each, interleaved (stock/suite order alternates), with `start --optimized` on dev-file H2.
# Start time = launch of kc.sh until /health/ready answers 200. Idle RSS = resident set of the server JVM after
# IDLE seconds of idling. Prints a Markdown table; paste it into docs/performance.md.
#   ROUNDS=5 IDLE=20 HEAP="-Xms1g -Xmx1g" benchmarks/startup/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${ROUNDS:-5}"
idle="${IDLE:-20}"
heap="${HEAP:--Xms1g -Xmx1g}"
work="$root/benchmarks/target/startup"
kc_version=26.7.3

jar="$(ls "$root"/distribution/target/city-iam-keycloak-*.jar 2>/dev/null | head -n 1)"
[ -n "$jar" ] || { echo "build first: ./mvnw -DskipTests package" >&2; exit 1; }

source "$root/distribution/pick-java.sh"
JAVA_HOME="${JAVA_HOME_BENCH:-$(pick_java)}"
[ -n "$JAVA_HOME" ] || JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"
export JAVA_HOME
export JAVA_OPTS_KC_HEAP="$heap"
export KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin

rm -rf "$work" && mkdir -p "$work"
(cd "$root" && ./mvnw -q -B dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$kc_version:zip -DoutputDirectory="$work")
for v in stock suite; do
  mkdir -p "$work/$v"
  unzip -q "$work/keycloak-quarkus-dist-$kc_version.zip" -d "$work/$v"
done
cp "$jar" "$work/suite/keycloak-$kc_version/providers/"

port_http=18180
port_mgmt=19100

build() { "$work/$1/keycloak-$kc_version/bin/kc.sh" build --db=dev-file --health-enabled=true > "$work/$1-build.log" 2>&1; }

# Starts variant $1, prints "<ms to ready> <rss kB>".
measure() {
  local home="$work/$1/keycloak-$kc_version" log="$work/$1-run.log" t0 t1 pid java_pid rss
  t0=$(date +%s%N)
  setsid "$home/bin/kc.sh" start --optimized --http-enabled=true --http-host=127.0.0.1 --hostname-strict=false \
    --http-port=$port_http --http-management-port=$port_mgmt > "$log" 2>&1 &
  pid=$!
  until curl -fs "http://127.0.0.1:$port_mgmt/health/ready" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; exit 1; }
    sleep 0.1
  done
  t1=$(date +%s%N)
  sleep "$idle"
  java_pid=$(pgrep -f "kc.home.dir=$home" | head -n 1)
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$java_pid/status")
  kill -TERM -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  while pgrep -f "kc.home.dir=$home" >/dev/null; do sleep 0.2; done
  echo "$(( (t1 - t0) / 1000000 )) $rss"
}

build stock
build suite
measure stock > /dev/null   # creates the database and realms; not counted
measure suite > /dev/null

declare -a st_ms st_rss su_ms su_rss
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then order="stock suite"; else order="suite stock"; fi
  for v in $order; do
    read -r ms rss < <(measure "$v")
    if [ "$v" = stock ]; then st_ms+=("$ms"); st_rss+=("$rss"); else su_ms+=("$ms"); su_rss+=("$rss"); fi
    echo "round $r $v: ready in ${ms} ms, idle RSS $((rss / 1024)) MB" >&2
  done
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
m_st=$(median "${st_ms[@]}"); m_su=$(median "${su_ms[@]}")
r_st=$(median "${st_rss[@]}"); r_su=$(median "${su_rss[@]}")
java_v="$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 1)"
cpu="$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

cat <<TXT
Keycloak $kc_version, $java_v, heap "$heap", $(nproc) cores ($cpu), dev-file H2, $rounds interleaved rounds, idle ${idle} s.

| | stock | with city-iam | delta |
|---|---|---|---|
| start to ready, median (ms) | $m_st | $m_su | $(awk -v a="$m_st" -v b="$m_su" 'BEGIN {printf "%+.1f %%", (b-a)*100/a}') |
| start to ready, min–max (ms) | $(printf '%s\n' "${st_ms[@]}" | sort -n | sed -n '1p;$p' | paste -sd-) | $(printf '%s\n' "${su_ms[@]}" | sort -n | sed -n '1p;$p' | paste -sd-) | |
| idle RSS, median (MB) | $(awk -v a="$r_st" 'BEGIN {printf "%.0f", a/1024}') | $(awk -v a="$r_su" 'BEGIN {printf "%.0f", a/1024}') | $(awk -v a="$r_st" -v b="$r_su" 'BEGIN {printf "%+.0f MB", (b-a)/1024}') |
| idle RSS, min–max (MB) | $(printf '%s\n' "${st_rss[@]}" | sort -n | sed -n '1p;$p' | awk '{printf "%.0f\n", $1/1024}' | paste -sd-) | $(printf '%s\n' "${su_rss[@]}" | sort -n | sed -n '1p;$p' | awk '{printf "%.0f\n", $1/1024}' | paste -sd-) | |
TXT
