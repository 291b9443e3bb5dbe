#!/usr/bin/env bash
# README command 1: build the suite, then start Keycloak 26.7.3 with the all-in-one jar, the city themes and
# the reference city realm on the embedded H2 database (dev-file) at http://localhost:8080.
#   CITY_IAM_PORT=8080       HTTP port
#   CITY_IAM_SKIP_BUILD=1    start the last build without rebuilding
#   CITY_IAM_FRESH=1         wipe the dev database first (re-imports the city realm)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${CITY_IAM_PORT:-8080}"
cd "$root"

if [ "${CITY_IAM_SKIP_BUILD:-0}" != "1" ]; then
  echo "==> Building city-iam (./mvnw package, tests skipped)"
  ./mvnw -q -B -DskipTests package
fi

server="$(ls -d "$root"/distribution/target/server/keycloak-* 2>/dev/null | head -n 1)"
if [ -z "$server" ] || [ ! -x "$server/bin/kc.sh" ]; then
  echo "No built server under distribution/target/server: run without CITY_IAM_SKIP_BUILD" >&2
  exit 1
fi
if [ "${CITY_IAM_FRESH:-0}" = "1" ]; then
  rm -rf "$server/data/h2"
fi

# The newest installed JDK >= 21 (Keycloak recommends 21+; EC crypto is twice as fast on 25 as on 17).
pick_java() {
  local best="" best_v=0 d v
  for d in /usr/lib/jvm/*/; do
    [ -x "$d/bin/java" ] || continue
    v="$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
    [[ "$v" =~ ^[0-9]+$ ]] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="${d%/}"; best_v="$v"; fi
  done
  echo "$best"
}
jdk="$(pick_java)"
if [ -n "$jdk" ]; then export JAVA_HOME="$jdk"; fi

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"

cat <<TXT

==> Starting Keycloak with city-iam on http://localhost:${port}  (Java: ${JAVA_HOME:-$(command -v java)})

  Admin console      http://localhost:${port}/admin/            master admin: ${KC_BOOTSTRAP_ADMIN_USERNAME} / ${KC_BOOTSTRAP_ADMIN_PASSWORD}
  City realm         http://localhost:${port}/admin/city/console/   city-admin / CityAdmin-2026!
  Account console    http://localhost:${port}/realms/city/account
  OIDC discovery     http://localhost:${port}/realms/city/.well-known/openid-configuration
  Audit log (API)    http://localhost:${port}/admin/realms/city/city-iam/audit

  Demo users of realm "city" (password in brackets):
    city-admin     realm admin, device/dataset/review admin   (CityAdmin-2026!)
    ada.auditor    auditor                                   (Auditor-2026!)
    rita.reviewer  review-admin                              (Reviewer-2026!)
    devi.devices   device-admin                              (Devices-2026!)
    dana.data      dataset-admin                             (Dataset-2026!)
    carl.citizen   no roles                                  (Citizen-2026!)

TXT

exec "$server/bin/kc.sh" start-dev \
  --http-port="$port" \
  --db=dev-file \
  --import-realm \
  --health-enabled=true \
  --metrics-enabled=true
