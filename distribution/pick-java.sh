# Sourced by the dev server and the benchmarks: prints the newest installed JDK >= 21 (Keycloak recommends 21+;
# EC signature verification is about twice as fast on 25 as on 17), or nothing.
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
