#!/usr/bin/env bash
# README command 1: build the suite, then start Keycloak 26.7.3 with the all-in-one jar, the city themes and
# the reference city realm on the embedded H2 database (dev-file) at http://localhost:8080.
#   CITY_IAM_PORT=8080       HTTP port
#   CITY_IAM_HTTPS_PORT=8443 HTTPS port (client certificates requested, for devices)
#   CITY_IAM_SKIP_BUILD=1    start the last build without rebuilding
#   CITY_IAM_FRESH=1         wipe the dev database first (re-imports the city realm)
#   CITY_IAM_TRUSTED_PROXIES TLS terminators allowed to pass device certificates in RFC 9440 headers (CIDR list)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${CITY_IAM_PORT:-8080}"
https_port="${CITY_IAM_HTTPS_PORT:-8443}"
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

source "$root/distribution/pick-java.sh"
jdk="$(pick_java)"
if [ -n "$jdk" ]; then export JAVA_HOME="$jdk"; fi

# Devices authenticate with client certificates: a self-signed server certificate for localhost and a trust
# store for device certificates, made with the JDK's keytool on first start. The realm's city device CA is
# added to the trust store once Keycloak serves it; Keycloak reloads the store within a minute.
tls="$server/conf/dev-tls"
keytool="${JAVA_HOME:+$JAVA_HOME/bin/}keytool"
if [ ! -f "$tls/server.p12" ]; then
  mkdir -p "$tls"
  "$keytool" -genkeypair -alias server -keyalg EC -groupname secp256r1 -dname "CN=localhost" \
    -ext "san=dns:localhost,ip:127.0.0.1" -validity 825 -keystore "$tls/server.p12" -storetype PKCS12 \
    -storepass password -keypass password >/dev/null 2>&1
  "$keytool" -exportcert -rfc -alias server -keystore "$tls/server.p12" -storepass password -file "$tls/server.crt" >/dev/null 2>&1
  "$keytool" -importcert -noprompt -alias dev-server -file "$tls/server.crt" -keystore "$tls/devices.p12" \
    -storetype PKCS12 -storepass password >/dev/null 2>&1
fi
(
  for _ in $(seq 1 120); do
    if curl -fsS "http://localhost:${port}/realms/city/device-identity/cacerts" -o "$tls/city-device-ca.pem" 2>/dev/null; then
      if ! "$keytool" -list -alias city-device-ca -keystore "$tls/devices.p12" -storepass password >/dev/null 2>&1; then
        "$keytool" -importcert -noprompt -alias city-device-ca -file "$tls/city-device-ca.pem" \
          -keystore "$tls/devices.p12" -storetype PKCS12 -storepass password >/dev/null 2>&1 \
          && echo "==> City device CA of realm city added to the device trust store (active within a minute)"
      fi
      exit 0
    fi
    sleep 2
  done
) &

# The city's configuration as code (realm-config/city/: organisations, identity providers, datasets, agreements,
# trust anchors, enrollment groups, inactivity, birthright, leaver and hygiene policies, review definitions) is applied with the realm-config tool once the realm is up, as the
# realm's city-iam-config service account (docs/realm-config.md); applying it again changes nothing.
cli="$(ls "$root"/realm-config/target/realm-config-*-cli.jar 2>/dev/null | head -n 1)"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"
(
  for _ in $(seq 1 150); do
    if curl -fsS -o /dev/null "http://localhost:${port}/realms/city/.well-known/openid-configuration" 2>/dev/null; then
      if CITY_IAM_CLIENT_SECRET="${CITY_IAM_CONFIG_SECRET:-city-iam-config-dev-secret}" "$java_bin" -jar "$cli" apply \
          "$root/realm-config/city" --server "http://localhost:${port}" --realm city --client-id city-iam-config \
          > "$server/data/realm-config-apply.log" 2>&1; then
        echo "==> realm-config/city applied to realm city (log: $server/data/realm-config-apply.log)"
      else
        echo "==> realm-config/city could not be applied: see $server/data/realm-config-apply.log" >&2
      fi
      exit 0
    fi
    sleep 2
  done
) &

# The demo identity provider realm (uni-idp) and the city realm's brokers to it name http://localhost:8080: another
# port is written into the files the server imports (first start, or CITY_IAM_FRESH=1).
if [ "$port" != "8080" ]; then
  sed -i "s#http://localhost:8080/#http://localhost:${port}/#g" "$server"/data/import/*.json
fi

export KC_BOOTSTRAP_ADMIN_USERNAME="${KC_BOOTSTRAP_ADMIN_USERNAME:-admin}"
export KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_BOOTSTRAP_ADMIN_PASSWORD:-admin}"

cat <<TXT

==> Starting Keycloak with city-iam on http://localhost:${port}  (Java: ${JAVA_HOME:-$(command -v java)})

  Admin console      http://localhost:${port}/admin/            master admin: ${KC_BOOTSTRAP_ADMIN_USERNAME} / ${KC_BOOTSTRAP_ADMIN_PASSWORD}
  City realm         http://localhost:${port}/admin/city/console/   city-admin / CityAdmin-2026!
  Account console    http://localhost:${port}/realms/city/account
  OIDC discovery     http://localhost:${port}/realms/city/.well-known/openid-configuration
  Device endpoints   https://localhost:${https_port}/realms/city/device-identity/   (client certificates requested;
                     server certificate: ${tls}/server.crt)
  Audit log (API)    http://localhost:${port}/admin/realms/city/city-iam/audit
  Datasets (API)     http://localhost:${port}/admin/realms/city/datasets      decision: POST /realms/city/datasets/decision

  Demo users of realm "city" (password in brackets):
    city-admin     realm admin, device/dataset/review admin   (CityAdmin-2026!)
    ada.auditor    auditor                                   (Auditor-2026!)
    rita.reviewer  review-admin                              (Reviewer-2026!)
    devi.devices   device-admin                              (Devices-2026!)
    dana.data      dataset-admin                             (Dataset-2026!)
    ulla.utility   member of utility-a (energy data by agreement) (Utility-2026!)
    rhea.research  member of uni (health research data)     (Research-2026!)
    carl.citizen   no roles                                  (Citizen-2026!)

  Login page: email first. una@uni.example goes to the City University's demo IdP (realm uni-idp, una / Una-2026!);
  "National eID (demo)" in the eID group signs in there too. City IAM console (five-minute tour: README.md):
    http://localhost:${port}/realms/city/city-iam/console/

TXT

exec "$server/bin/kc.sh" start-dev \
  --http-port="$port" \
  --https-port="$https_port" \
  --https-key-store-file="$tls/server.p12" --https-key-store-password=password \
  --https-client-auth=request \
  --https-trust-store-file="$tls/devices.p12" --https-trust-store-password=password --https-trust-store-type=PKCS12 \
  --https-certificates-reload-period=1m \
  --spi-x509cert-lookup--provider=city-iam-proxy \
  ${CITY_IAM_TRUSTED_PROXIES:+--spi-x509cert-lookup--city-iam-proxy--trusted-proxies="$CITY_IAM_TRUSTED_PROXIES"} \
  --http-management-scheme=http \
  --db=dev-file \
  --import-realm \
  --health-enabled=true \
  --metrics-enabled=true
