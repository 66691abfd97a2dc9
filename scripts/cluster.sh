#!/usr/bin/env bash
# A cluster of Pravesh nodes on this machine, from the server that wildfly-config built: how
# operators try a cluster on one box, and how the cluster tests run.
#
#   scripts/cluster.sh start [N]      start N nodes (default 2) and wait until all are ready
#   scripts/cluster.sh start-node I   (re)start node I of the running cluster and wait for it
#   scripts/cluster.sh launch-node I  start node I without waiting (it may be refused: a test)
#   scripts/cluster.sh kill I         kill -9 node I (a crash, for failure drills)
#   scripts/cluster.sh stop           stop every node
#   scripts/cluster.sh status         each node's ports and state
#
# Node I runs from its own base directory ($PRAVESH_CLUSTER_DIR/node-I) with port offset
# $PRAVESH_CLUSTER_OFFSET + 100 × (I-1) (HTTP 8080+offset, management 9990+offset, JGroups
# 7600+offset), node name node-I and transaction node id node-I. JGroups uses TCP with a static
# member list (TCPPING) of every node on loopback; the nodes share the JWT signing key directory
# ($PRAVESH_CLUSTER_DIR/keys) and the database of TICKETING_DB_URL. Any other TICKETING_* variable
# is passed on. Build first: ./mvnw package -DskipTests.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
server="$root/wildfly-config/target/wildfly"
ear=${PRAVESH_EAR:-$root/ticketing-ear/target/ticketing.ear}
dir=${PRAVESH_CLUSTER_DIR:-$root/.cluster}
first_offset=${PRAVESH_CLUSTER_OFFSET:-0}
bind=${PRAVESH_CLUSTER_BIND:-127.0.0.1}
mkdir -p "$dir"

offset() { echo $((first_offset + 100 * ($1 - 1))); }
size() { cat "$dir/size" 2> /dev/null || echo 0; }
pid_of() { cat "$dir/node-$1.pid" 2> /dev/null || true; }
alive() { local pid; pid=$(pid_of "$1"); [[ -n "$pid" ]] && kill -0 "$pid" 2> /dev/null; }

launch() {
  local i=$1 n=$2 hosts="" j
  for j in $(seq 1 "$n"); do hosts+="${hosts:+,}127.0.0.1[$((7600 + $(offset "$j")))]"; done
  local base="$dir/node-$i"
  if alive "$i"; then echo "node-$i is already running (pid $(pid_of "$i"))" >&2; return 1; fi
  bash "$root/scripts/server-base.sh" "$base" "$ear"
  rm -f "$base/deployments/"*.failed "$base/deployments/"*.deployed
  export TICKETING_JWT_DEV_KEY_DIR=${TICKETING_JWT_DEV_KEY_DIR:-$dir/keys}
  JBOSS_PIDFILE="$dir/node-$i.pid" LAUNCH_JBOSS_IN_BACKGROUND=1 \
    JBOSS_JAVA_SIZING=${PRAVESH_NODE_HEAP:--Xms256m -Xmx1024m} \
    nohup "$server/bin/standalone.sh" -c standalone-full-ha.xml --stability=community \
    -b "$bind" -bmanagement 127.0.0.1 \
    -Djboss.server.base.dir="$base" -Djboss.node.name="node-$i" -Djboss.tx.node.id="node-$i" \
    -Djboss.socket.binding.port-offset="$(offset "$i")" \
    -Djboss.cluster.tcp.initial_hosts="$hosts" \
    > "$base/console.log" 2>&1 < /dev/null &
  disown || true
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
    for i in $(seq 1 "$n"); do launch "$i" "$n"; done
    for i in $(seq 1 "$n"); do await_ready "$i"; done
    ;;
  start-node)
    launch "$2" "$(size)"
    await_ready "$2"
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
    for i in $(seq 1 "$(size)"); do
      pid=$(pid_of "$i")
      if [[ -n "$pid" ]]; then kill "$pid" 2> /dev/null || true; fi
    done
    for i in $(seq 1 "$(size)"); do
      for _ in $(seq 1 60); do alive "$i" || break; sleep 0.5; done
      if alive "$i"; then kill -9 "$(pid_of "$i")" 2> /dev/null || true; fi
      rm -f "$dir/node-$i.pid"
    done
    ;;
  status)
    for i in $(seq 1 "$(size)"); do
      state=stopped
      alive "$i" && state="running (pid $(pid_of "$i"))"
      echo "node-$i  http :$((8080 + $(offset "$i")))  management :$((9990 + $(offset "$i")))  $state"
    done
    ;;
  *)
    sed -n '2,18p' "$0"
    exit 2
    ;;
esac
