#!/usr/bin/env bash
# Checks the container image's definition as far as this machine allows (it runs no container
# engine, and the base image's registry is out of its reach): lays the image's files out in a
# folder exactly as the COPY lines of container/Containerfile say, from the built server and EAR,
# then runs the image's ENTRYPOINT (container/node.sh) from that folder, configured by environment
# variables alone and as an unprivileged user that may write only where the image lets its user
# write, waits until the node is ready, stops it with SIGTERM as a container engine does, and checks
# that it suspended first (the graceful path: a balancer would be told) and stopped with status 0.
# Usage: scripts/container-check.sh   (after ./mvnw package -DskipTests; PostgreSQL running)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tree="$root/target/container-check"
offset=${PRAVESH_CHECK_OFFSET:-600}
rm -rf "$tree"
mkdir -p "$tree"

# The COPY lines: COPY [--option...] SOURCE DESTINATION, sources relative to the repository.
while read -r _ rest; do
  read -ra words <<< "$rest"
  words=("${words[@]/#--*/}")
  read -ra words <<< "${words[*]}"
  src="$root/${words[0]}" dest="$tree${words[1]}"
  [[ -e "$src" ]] || { echo "COPY source missing: ${words[0]} (build first)" >&2; exit 1; }
  mkdir -p "$(dirname "$dest")"
  if [[ -d "$src" ]]; then mkdir -p "$dest" && cp -r "$src/." "$dest/"; else cp "$src" "$dest"; fi
  # What .dockerignore leaves out of the context is not in the image either.
  while read -r ignored; do
    [[ -z "$ignored" || "$ignored" == \#* ]] && continue
    if [[ "$ignored" == "${words[0]}/"* ]]; then rm -rf "$dest/${ignored#"${words[0]}/"}"; fi
  done < "$root/.dockerignore"
  echo "COPY ${words[0]} -> ${words[1]}"
done < <(grep -E '^COPY ' "$root/container/Containerfile")
# As the Containerfile's RUN line: the server's code stays root's, its user writes only these.
standalone="$tree/opt/pravesh/wildfly/standalone"
mkdir -p "$standalone/data" "$standalone/log" "$standalone/tmp"
user=${PRAVESH_CHECK_USER:-nobody}
chown -R "$user" "$standalone/configuration" "$standalone/data" "$standalone/log" "$standalone/tmp" "$standalone/deployments"
entry=$(sed -nE 's/^ENTRYPOINT \["([^"]+)"\].*/\1/p' "$root/container/Containerfile")
[[ -x "$tree$entry" ]] || { echo "ENTRYPOINT $entry is not an executable file of the image" >&2; exit 1; }

log="$tree/node.log"
setsid runuser -u "$user" -- env PRAVESH_HOME="$tree/opt/pravesh/wildfly" PRAVESH_NODE_NAME=container-check \
  PRAVESH_BIND_ADDRESS=127.0.0.1 PRAVESH_PRIVATE_ADDRESS=127.0.0.1 PRAVESH_PORT_OFFSET="$offset" \
  PRAVESH_CLUSTER_MEMBERS="127.0.0.1[$((7600 + offset))]" \
  PRAVESH_HEAP="-Xms256m -Xmx768m" \
  TICKETING_DEV_MODE=true \
  TICKETING_DB_URL=${TICKETING_DB_URL:-jdbc:postgresql://localhost:5432/pravesh} \
  "$tree$entry" > "$log" 2>&1 < /dev/null &
pid=$!
cleanup() { kill -9 -- -"$pid" 2> /dev/null || true; }
ready=false
for _ in $(seq 1 240); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$((9990 + offset))/health/ready" 2> /dev/null; then ready=true; break; fi
  kill -0 "$pid" 2> /dev/null || break
  sleep 0.5
done
if ! $ready; then
  cleanup
  tail -30 "$log"
  echo "FAILED: the node started by $entry did not become ready" >&2
  exit 1
fi
echo "ready: $(curl -s "http://127.0.0.1:$((8080 + offset))/api/events" | head -c 80)..."
entry_pid=$(pgrep -f -n "$tree$entry" || true)
[[ -n "$entry_pid" ]] || { cleanup; echo "FAILED: the entry point's process is gone" >&2; exit 1; }
kill -TERM "$entry_pid"
for _ in $(seq 1 90); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done
if kill -0 "$pid" 2> /dev/null; then
  cleanup
  echo "FAILED: the node did not stop within 45 s of SIGTERM" >&2
  exit 1
fi
status=0
wait "$pid" || status=$?
if (( status != 0 )); then
  echo "FAILED: the entry point exited with status $status after SIGTERM" >&2
  exit 1
fi
server_log="$standalone/log/server.log"
grep -q "WFLYSRV0211" "$server_log" || { echo "FAILED: no graceful suspend (WFLYSRV0211) before the stop" >&2; exit 1; }
grep -q "WFLYSRV0050" "$server_log" || { echo "FAILED: the server did not log its stop" >&2; exit 1; }
echo "container check passed: the image's files, its entry point as user $user, readiness, a graceful SIGTERM stop (status 0)"
