#!/usr/bin/env bash
# The container's entry point: starts one Pravesh node of a cluster from environment variables
# alone (docs/operations.md, "A container image"). The application reads its own TICKETING_*
# variables; this maps the server's:
#   PRAVESH_NODE_NAME        node name and transaction node id: unique and stable per node (XA
#                            recovery tells nodes apart by it, docs/operations.md), at most 23
#                            bytes. Required unless TICKETING_DEV_MODE=true (then: the host name).
#   PRAVESH_CLUSTER_MEMBERS  the static member list, e.g. 10.0.1.5[7600],10.0.1.6[7600]
#   PRAVESH_PRIVATE_ADDRESS  the address cluster traffic binds to (default: the host's first)
#   PRAVESH_BALANCER_HOST    the mod_cluster balancer to register with (unset: none, the nodes are
#   PRAVESH_BALANCER_PORT    behind another load balancer). Port default 8090.
#   PRAVESH_BALANCER_PEERS   a regular expression the balancer's whole address matches, e.g.
#                            10\.0\.0\.10 (its X-Forwarded-For and -Proto are believed; unset: none)
#   PRAVESH_TLS_KEYSTORE     a PKCS#12 keystore for HTTPS on 8443 (unset: a self-signed certificate),
#                            its password in PRAVESH_TLS_KEYSTORE_PASSWORD
#   PRAVESH_HEAP             JVM heap, default -Xms512m -Xmx1536m
#   PRAVESH_BIND_ADDRESS     where HTTP and HTTPS listen (default 0.0.0.0)
#   PRAVESH_MANAGEMENT_ADDRESS  where management (health, metrics) listens (default: the private
#                            address; never publish it to the internet)
#   PRAVESH_PORT_OFFSET      added to every port (default 0)
# SIGTERM stops the node gracefully: the balancer sends it nothing new, requests in flight finish
# (up to 15 s), then it stops. The exit status is the server's.
set -euo pipefail
home=${PRAVESH_HOME:-/opt/pravesh/wildfly}
fail() { echo "node.sh: $*" >&2; exit 64; }

name=${PRAVESH_NODE_NAME:-}
if [[ -z "$name" ]]; then
  [[ "${TICKETING_DEV_MODE:-false}" == "true" ]] || fail "PRAVESH_NODE_NAME is required: a unique, stable name per node"
  name=$(hostname)
  name=${name:0:23}
fi
(( $(printf %s "$name" | wc -c) <= 23 )) || fail "PRAVESH_NODE_NAME is longer than 23 bytes: $name"

private=${PRAVESH_PRIVATE_ADDRESS:-}
if [[ -z "$private" ]]; then
  private=$( (hostname -i 2> /dev/null || true) | awk '{print $1}')
  [[ -n "$private" ]] || fail "cannot tell this host's address: set PRAVESH_PRIVATE_ADDRESS"
fi
bind=${PRAVESH_BIND_ADDRESS:-0.0.0.0}
management=${PRAVESH_MANAGEMENT_ADDRESS:-$private}
offset=${PRAVESH_PORT_OFFSET:-0}
config=standalone-full-ha.xml
args=()
if [[ -n "${PRAVESH_BALANCER_HOST:-}" ]]; then
  config=standalone-balanced.xml
  args+=("-Dpravesh.balancer.host=$PRAVESH_BALANCER_HOST" "-Dpravesh.balancer.port=${PRAVESH_BALANCER_PORT:-8090}")
  if [[ -n "${PRAVESH_BALANCER_PEERS:-}" ]]; then args+=("-Dpravesh.balancer.address=$PRAVESH_BALANCER_PEERS"); fi
fi
if [[ -n "${PRAVESH_CLUSTER_MEMBERS:-}" ]]; then
  args+=("-Djboss.cluster.tcp.initial_hosts=$PRAVESH_CLUSTER_MEMBERS")
fi
if [[ -n "${PRAVESH_TLS_KEYSTORE:-}" ]]; then
  args+=("-Dpravesh.tls.keystore=$PRAVESH_TLS_KEYSTORE" "-Dpravesh.tls.keystore.type=PKCS12")
fi

stopping=false
server=
stop() {
  stopping=true
  [[ -n "$server" ]] || return 0
  "$home/bin/jboss-cli.sh" --connect --controller="$management:$((9990 + offset))" \
    --command=":shutdown(suspend-timeout=15)" > /dev/null 2>&1 || kill -TERM "$server" 2> /dev/null || true
}
trap stop TERM INT

export JBOSS_JAVA_SIZING=${PRAVESH_HEAP:--Xms512m -Xmx1536m}
export LAUNCH_JBOSS_IN_BACKGROUND=1
"$home/bin/standalone.sh" -c "$config" --stability=community \
  -b "$bind" -bmanagement "$management" -bprivate "$private" \
  -Djboss.socket.binding.port-offset="$offset" \
  -Djboss.node.name="$name" -Djboss.tx.node.id="$name" \
  "${args[@]}" &
server=$!
# A stop asked for while the server was being launched.
if $stopping; then stop; fi

# wait returns early when a trapped signal arrives (status > 128): then wait again, for the server
# to finish stopping; bash keeps the status of a child it has reaped, so a second wait gets it.
status=0
wait "$server" || status=$?
while $stopping && (( status > 128 )); do
  status=0
  wait "$server" || status=$?
  (( status == 127 )) && status=0 # already reaped and forgotten: it stopped as asked
done
exit "$status"
