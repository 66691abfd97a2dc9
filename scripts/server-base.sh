#!/usr/bin/env bash
# Prepares a server base directory (configuration, deployments, data, log) for the server built by
# wildfly-config: the configuration is refreshed from the build on every call, data and logs stay.
# Several base directories share one installed server: development, the test server, cluster nodes.
# Usage: scripts/server-base.sh [--fresh] BASE_DIR EAR     (--fresh: drop data and logs first)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
server="$root/wildfly-config/target/wildfly"
fresh=false
if [[ "${1:-}" == "--fresh" ]]; then fresh=true; shift; fi
base=$1
ear=$2
if $fresh; then rm -rf "$base"; fi

[[ -f "$server/.pravesh-configured" ]] || { echo "No configured server: build first (./mvnw package)" >&2; exit 1; }
mkdir -p "$base/configuration" "$base/deployments" "$base/data" "$base/log"
cp -r "$server/standalone/configuration/." "$base/configuration/"
rm -rf "$base/configuration/standalone_xml_history"
rm -f "$base/deployments/"*.ear*
cp "$ear" "$base/deployments/"
