#!/usr/bin/env bash
# A cluster of Pravesh nodes on this machine behind WildFly's own load balancer, from the server
# that wildfly-config built: how operators try a cluster on one box, and how the cluster tests run.
#
#   scripts/cluster.sh start [N]      start the balancer and N nodes (default 2), wait until all are
#                                     ready and registered with the balancer
#   scripts/cluster.sh stop           stop every node, then the balancer
#   scripts/cluster.sh status         the balancer, each node's ports and state, and what the
#                                     balancer routes to
#   scripts/cluster.sh start-node I   (re)start node I of the running cluster and wait for it
#   scripts/cluster.sh stop-node I    stop node I gracefully: the balancer sends it nothing new, the
#                                     requests in flight finish (a rolling restart: stop-node, then
#                                     start-node, one node at a time)
#   scripts/cluster.sh launch-node I  start node I without waiting (it may be refused: a test)
#   scripts/cluster.sh kill I         kill -9 node I (a crash, for failure drills)
#   scripts/cluster.sh pause I        kill -STOP node I (a hung node: a long GC pause, a frozen VM)
#   scripts/cluster.sh resume I       kill -CONT node I
#
# The balancer (standalone-load-balancer.xml, mod_cluster) listens on HTTP 8000+offset, HTTPS
# 8400+offset, and takes the nodes' registrations on MCMP port 8090+offset (offset:
# $PRAVESH_CLUSTER_OFFSET, 0 by default). Nodes run standalone-balanced.xml and register
# themselves with it (a static proxy list, no multicast). Node I runs from its own base directory
# ($PRAVESH_CLUSTER_DIR/node-I) with port offset $PRAVESH_CLUSTER_OFFSET + 100 × (I-1) (HTTP
# 8080+offset, management 9990+offset, JGroups 7600+offset), node name node-I and transaction node
# id node-I. JGroups uses TCP with a static member list (TCPPING) of every node on loopback; the
# nodes share the JWT signing key directory ($PRAVESH_CLUSTER_DIR/keys) and the database of
# TICKETING_DB_URL, and take the client's address and scheme from the balancer's X-Forwarded-For
# and X-Forwarded-Proto. Any other TICKETING_* variable is passed on. Build first:
# ./mvnw package -DskipTests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
server="$root/wildfly-config/target/wildfly"
ear=${PRAVESH_EAR:-$root/ticketing-ear/target/ticketing.ear}
dir=${PRAVESH_CLUSTER_DIR:-$root/.cluster}
first_offset=${PRAVESH_CLUSTER_OFFSET:-0}
bind=${PRAVESH_CLUSTER_BIND:-127.0.0.1}
mkdir -p "$dir"

offset() { echo $((first_offset + 100 * ($1 - 1))); }
lb_http=$((8000 + first_offset))
lb_https=$((8400 + first_offset))
lb_mcmp=$((8090 + first_offset))
lb_management=$((9900 + first_offset))
size() { cat "$dir/size" 2> /dev/null || echo 0; }
pid_of() { cat "$dir/node-$1.pid" 2> /dev/null || true; }
alive() { local pid; pid=$(pid_of "$1"); [[ -n "$pid" ]] && kill -0 "$pid" 2> /dev/null; }

launch() {
  local i=$1 n=$2 hosts="" j
  for j in $(seq 1 "$n"); do hosts+="${hosts:+,}127.0.0.1[$((7600 + $(offset "$j")))]"; done
  local base="$dir/node-$i"
  if alive "$i"; then echo "node-$i is already running (pid $(pid_of "$i"))" >&2; return 1; fi
  rm -f "$dir/node-$i.pid"
  bash "$root/scripts/server-base.sh" "$base" "$ear"
  rm -f "$base/deployments/"*.failed "$base/deployments/"*.deployed
  export TICKETING_JWT_DEV_KEY_DIR=${TICKETING_JWT_DEV_KEY_DIR:-$dir/keys}
  JBOSS_PIDFILE="$dir/node-$i.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 \
    JBOSS_JAVA_SIZING=${PRAVESH_NODE_HEAP:--Xms256m -Xmx1024m} \
    nohup "$server/bin/standalone.sh" -c standalone-balanced.xml --stability=community \
    -b "$bind" -bmanagement 127.0.0.1 \
    -Djboss.server.base.dir="$base" -Djboss.node.name="node-$i" -Djboss.tx.node.id="node-$i" \
    -Djboss.socket.binding.port-offset="$(offset "$i")" \
    -Djboss.cluster.tcp.initial_hosts="$hosts" -Dpravesh.balancer.port="$lb_mcmp" \
    '-Dpravesh.balancer.address=127\.0\.0\.1' \
    > "$base/console.log" 2>&1 < /dev/null &
  disown || true
}

balancer_alive() { local pid; pid=$(cat "$dir/balancer.pid" 2> /dev/null || true); [[ -n "$pid" ]] && kill -0 "$pid" 2> /dev/null; }

start_balancer() {
  if balancer_alive; then return 0; fi
  rm -f "$dir/balancer.pid"
  local base="$dir/balancer"
  mkdir -p "$base/configuration" "$base/data" "$base/log"
  cp -r "$server/standalone/configuration/." "$base/configuration/"
  rm -rf "$base/configuration/standalone_xml_history"
  JBOSS_PIDFILE="$dir/balancer.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 \
    JBOSS_JAVA_SIZING=${PRAVESH_BALANCER_HEAP:--Xms64m -Xmx256m} \
    nohup "$server/bin/standalone.sh" -c standalone-load-balancer.xml \
    -b "$bind" -bmanagement 127.0.0.1 -Djboss.bind.address.private=127.0.0.1 \
    -Djboss.server.base.dir="$base" -Djboss.node.name=balancer \
    -Djboss.http.port="$lb_http" -Djboss.https.port="$lb_https" -Djboss.mcmp.port="$lb_mcmp" \
    -Djboss.management.http.port="$lb_management" -Djboss.management.https.port=$((lb_management + 3)) \
    > "$base/console.log" 2>&1 < /dev/null &
  disown || true
  for _ in $(seq 1 120); do
    # (the pid file appears once standalone.sh has started the JVM)
    if [[ -f "$dir/balancer.pid" ]] && ! balancer_alive; then break; fi
    if curl -s -o /dev/null "http://127.0.0.1:$lb_mcmp/" 2> /dev/null; then
      echo "balancer ready: http://$bind:$lb_http (nodes register on :$lb_mcmp)"
      return 0
    fi
    sleep 0.5
  done
  echo "the balancer did not start: see $base/log/server.log" >&2
  return 1
}

# What the balancer routes to: its MCMP INFO answer, one "Node:" line per registered node.
routes() { curl -s -X INFO "http://127.0.0.1:$lb_mcmp/" 2> /dev/null || true; }

# Waits until the balancer routes to node I: its application context "/" is ENABLED there (it
# registers within a status interval of being ready).
routed() {
  routes | awk -v name="node-$1" '
    /^Node: / && index($0, "Name: " name ",") { match($0, /[0-9]+/); id = substr($0, RSTART, RLENGTH) }
    /^Context: / { match($0, /[0-9]+/); if (id != "" && substr($0, RSTART, RLENGTH) == id && index($0, "Context: /, Status: ENABLED")) found = 1 }
    END { exit found ? 0 : 1 }'
}

await_routed() {
  for _ in $(seq 1 60); do
    if routed "$1"; then return 0; fi
    sleep 0.5
  done
  echo "node-$1 is ready but the balancer does not route to it: see $dir/balancer/log/server.log" >&2
  return 1
}

await_ready() {
  local i=$1 port=$((9990 + $(offset "$1")))
  for _ in $(seq 1 480); do
    if curl -fsS -o /dev/null "http://127.0.0.1:$port/health/ready" 2> /dev/null; then
      echo "node-$i ready: http://127.0.0.1:$((8080 + $(offset "$i"))) (management :$port)"
      return 0
    fi
    if [[ -f "$dir/node-$i.pid" ]] && ! alive "$i"; then break; fi
    sleep 0.5
  done
  echo "node-$i did not become ready: see $dir/node-$i/log/server.log" >&2
  return 1
}

case "${1:-}" in
  start)
    n=${2:-2}
    echo "$n" > "$dir/size"
    start_balancer
    for i in $(seq 1 "$n"); do launch "$i" "$n"; done
    for i in $(seq 1 "$n"); do await_ready "$i"; done
    for i in $(seq 1 "$n"); do await_routed "$i"; done
    echo "cluster: http://$bind:$lb_http ($n nodes behind the balancer)"
    ;;
  start-node)
    start_balancer
    launch "$2" "$(size)"
    await_ready "$2"
    await_routed "$2"
    ;;
  stop-node)
    port=$((9990 + $(offset "$2")))
    alive "$2" || { echo "node-$2 is not running" >&2; exit 1; }
    kill -CONT "$(pid_of "$2")" 2> /dev/null || true
    # Suspend first (mod_cluster tells the balancer to send nothing new; requests in flight finish,
    # up to 15 s), then shut down. If the management interface does not answer, SIGTERM.
    if ! "$server/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$port" \
      --command=":shutdown(suspend-timeout=15)" > /dev/null 2>&1; then
      echo "node-$2: no graceful shutdown through the management interface; SIGTERM" >&2
      kill -TERM "$(pid_of "$2")" 2> /dev/null || true
    fi
    for _ in $(seq 1 80); do alive "$2" || break; sleep 0.5; done
    if alive "$2"; then
      kill -9 "$(pid_of "$2")" 2> /dev/null || true
      rm -f "$dir/node-$2.pid"
      echo "node-$2 did not stop within 40 s: killed" >&2
      exit 1
    fi
    rm -f "$dir/node-$2.pid"
    ;;
  pause)
    kill -STOP "$(pid_of "$2")"
    ;;
  resume)
    kill -CONT "$(pid_of "$2")"
    ;;
  launch-node)
    launch "$2" "$(size)"
    ;;
  kill)
    pid=$(pid_of "$2")
    [[ -n "$pid" ]] && kill -9 "$pid" 2> /dev/null || true
    rm -f "$dir/node-$2.pid"
    ;;
  stop)
    # Every node with a pid file, also one started beyond the cluster's size; a paused node is
    # woken first, or it could not stop.
    nodes=$(ls "$dir" 2> /dev/null | sed -nE 's/^node-([0-9]+)\.pid$/\1/p')
    for i in $nodes; do
      pid=$(pid_of "$i")
      if [[ -n "$pid" ]]; then kill -CONT "$pid" 2> /dev/null || true; kill "$pid" 2> /dev/null || true; fi
    done
    for i in $nodes; do
      for _ in $(seq 1 60); do alive "$i" || break; sleep 0.5; done
      if alive "$i"; then kill -9 "$(pid_of "$i")" 2> /dev/null || true; fi
      rm -f "$dir/node-$i.pid"
    done
    if balancer_alive; then
      pid=$(cat "$dir/balancer.pid")
      kill "$pid" 2> /dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2> /dev/null || break; sleep 0.5; done
      if kill -0 "$pid" 2> /dev/null; then kill -9 "$pid" 2> /dev/null || true; fi
    fi
    rm -f "$dir/balancer.pid"
    ;;
  status)
    state=stopped
    balancer_alive && state="running (pid $(cat "$dir/balancer.pid"))"
    echo "balancer  http :$lb_http  https :$lb_https  mcmp :$lb_mcmp  $state"
    for i in $(seq 1 "$(size)"); do
      state=stopped
      alive "$i" && state="running (pid $(pid_of "$i"))"
      echo "node-$i  http :$((8080 + $(offset "$i")))  management :$((9990 + $(offset "$i")))  $state"
    done
    echo "the balancer routes to:"
    routes | sed -nE 's/^Node: \[[0-9]+\],Name: ([^,]*),.*Port: ([0-9]+),.*Elected: ([0-9]+),.*Load: (-?[0-9]+).*/  \1 (:\2): load factor \4 (-1: in error), requests so far \3/p' | sort
    ;;
  *)
    sed -n '2,30p' "$0"
    exit 2
    ;;
esac
