#!/usr/bin/env bash
# Applies the CLI scripts to the unpacked server's standalone-full-ha.xml with an embedded (offline)
# server. Skipped when neither the scripts nor the configuration changed since the last run, so a
# second build is fast; the scripts themselves are idempotent, so a re-run is always safe.
set -euo pipefail
server=$1
cli_dir=$2
config="$server/standalone/configuration/standalone-full-ha.xml"
stamp="$server/.pravesh-configured"

fingerprint() { cat "$cli_dir"/*.cli "$config" "$0" | sha256sum | cut -d' ' -f1; }

if [[ -f "$stamp" && "$(cat "$stamp")" == "$(fingerprint)" ]]; then
  echo "WildFly configuration is up to date ($server)"
  exit 0
fi

script=$(mktemp)
trap 'rm -f "$script"' EXIT
{
  echo "embed-server --server-config=standalone-full-ha.xml --stability=community --std-out=discard"
  for file in "$cli_dir"/*.cli; do
    echo "# --- $(basename "$file")"
    cat "$file"
    echo
  done
  echo "stop-embedded-server"
} > "$script"

echo "Configuring WildFly ($server) with $(ls "$cli_dir"/*.cli | wc -l) CLI scripts"
JAVA_OPTS="${JAVA_OPTS:-} -Djava.awt.headless=true" "$server/bin/jboss-cli.sh" --file="$script" --echo-command > "$server/.pravesh-configure.log" 2>&1 || {
  cat "$server/.pravesh-configure.log"
  echo "WildFly configuration FAILED" >&2
  exit 1
}
# Logs and data of the offline run are not the server's.
rm -rf "$server/standalone/configuration/standalone_xml_history/current"
fingerprint > "$stamp"
echo "WildFly configured"
