#!/usr/bin/env bash
# Applies the CLI scripts to the unpacked server's configurations with an embedded (offline) server:
#   ../cli, ../cli-tls    -> standalone-full-ha.xml (every Pravesh node; cli-tls: the HTTPS
#                            certificate, shared by all three);
#   ../cli-balanced       -> standalone-balanced.xml, a copy of the former that also registers with
#                            WildFly's load balancer (mod_cluster);
#   ../cli-load-balancer  -> standalone-load-balancer.xml, the balancer itself.
# Skipped when neither the scripts nor the configuration changed since the last run, so a second
# build is fast; the scripts themselves are idempotent, so a re-run is always safe.
set -euo pipefail
server=$1
cli_dir=$2
configs="$server/standalone/configuration"
config="$configs/standalone-full-ha.xml"
stamp="$server/.pravesh-configured"
balanced_dir="$cli_dir/../cli-balanced"
balancer_dir="$cli_dir/../cli-load-balancer"
tls_dir="$cli_dir/../cli-tls"

fingerprint() {
  cat "$cli_dir"/*.cli "$balanced_dir"/*.cli "$balancer_dir"/*.cli "$tls_dir"/*.cli "$config" "$0" |
    sha256sum | cut -d' ' -f1
}

if [[ -f "$stamp" && "$(cat "$stamp")" == "$(fingerprint)" ]]; then
  echo "WildFly configuration is up to date ($server)"
  exit 0
fi

script=$(mktemp)
trap 'rm -f "$script"' EXIT
# embed_each CONFIG DIR...: an embedded server on CONFIG running every script of the DIRs.
embed_each() {
  local target=$1
  shift
  echo "embed-server --server-config=$target --stability=community --std-out=discard"
  for dir in "$@"; do
    for file in "$dir"/*.cli; do
      echo "# --- $(basename "$dir")/$(basename "$file")"
      cat "$file"
      echo
    done
  done
  echo "stop-embedded-server"
}
# The balanced node's configuration is the full-ha one, configured the same way, plus its own.
cp "$config" "$configs/standalone-balanced.xml"
{
  embed_each standalone-full-ha.xml "$cli_dir" "$tls_dir"
  embed_each standalone-balanced.xml "$cli_dir" "$tls_dir" "$balanced_dir"
  embed_each standalone-load-balancer.xml "$tls_dir" "$balancer_dir"
} > "$script"

echo "Configuring WildFly ($server)"
JAVA_OPTS="${JAVA_OPTS:-} -Djava.awt.headless=true" "$server/bin/jboss-cli.sh" --file="$script" --echo-command > "$server/.pravesh-configure.log" 2>&1 || {
  cat "$server/.pravesh-configure.log"
  echo "WildFly configuration FAILED" >&2
  exit 1
}
# Logs and data of the offline run are not the server's.
rm -rf "$configs/standalone_xml_history/current"
fingerprint > "$stamp"
echo "WildFly configured"
