#!/usr/bin/env bash
# The container's entry point: starts one Pravesh node of a cluster from environment variables
# alone (docs/operations.md, "A container image"). The application reads its own TICKETING_*
# variables; this maps the server's:
#   PRAVESH_NODE_NAME        node name and transaction node id (at most 23 bytes; unique and
#                            stable per node: XA recovery tells nodes apart by it). Default: the
#                            host name.
#   PRAVESH_CLUSTER_MEMBERS  the static member list, e.g. 10.0.1.5[7600],10.0.1.6[7600]
#   PRAVESH_PRIVATE_ADDRESS  the address the cluster traffic binds to (default: the host's first)
#   PRAVESH_BALANCER_HOST    the mod_cluster balancer to register with (unset: none; the nodes are
#   PRAVESH_BALANCER_PORT    behind another load balancer). Port default 8090.
#   PRAVESH_TLS_KEYSTORE     a PKCS#12 keystore for HTTPS on 8443 (unset: a self-signed certificate)
#   PRAVESH_TLS_KEYSTORE_PASSWORD
#   PRAVESH_HEAP             JVM heap, default -Xms512m -Xmx1536m
#   PRAVESH_BIND_ADDRESS     where HTTP, HTTPS and management listen (default 0.0.0.0)
#   PRAVESH_PORT_OFFSET      added to every port (default 0)
# SIGTERM stops the node gracefully: the balancer sends it nothing new, requests in flight finish
# (up to 15 s), then it stops.
set -euo pipefail
home=${PRAVESH_HOME:-/opt/pravesh/wildfly}
name=${PRAVESH_NODE_NAME:-$(hostname)}
name=${name:0:23}
private=${PRAVESH_PRIVATE_ADDRESS:-$(hostname -i 2> /dev/null | awk '{print $1}')}
bind=${PRAVESH_BIND_ADDRESS:-0.0.0.0}
offset=${PRAVESH_PORT_OFFSET:-0}
config=standalone-full-ha.xml
args=()
if [[ -n "${PRAVESH_BALANCER_HOST:-}" ]]; then
  config=standalone-balanced.xml
  args+=("-Dpravesh.balancer.host=$PRAVESH_BALANCER_HOST" "-Dpravesh.balancer.port=${PRAVESH_BALANCER_PORT:-8090}")
fi
if [[ -n "${PRAVESH_CLUSTER_MEMBERS:-}" ]]; then
  args+=("-Djboss.cluster.tcp.initial_hosts=$PRAVESH_CLUSTER_MEMBERS")
fi
if [[ -n "${PRAVESH_TLS_KEYSTORE:-}" ]]; then
  args+=("-Dpravesh.tls.keystore=$PRAVESH_TLS_KEYSTORE" "-Dpravesh.tls.keystore.type=PKCS12")
fi

export JBOSS_JAVA_SIZING=${PRAVESH_HEAP:--Xms512m -Xmx1536m}
export LAUNCH_JBOSS_IN_BACKGROUND=1
"$home/bin/standalone.sh" -c "$config" --stability=community \
  -b "$bind" -bmanagement "$bind" -bprivate "${private:-127.0.0.1}" \
  -Djboss.socket.binding.port-offset="$offset" \
  -Djboss.node.name="$name" -Djboss.tx.node.id="$name" \
  "${args[@]}" &
server=$!

stop() {
  "$home/bin/jboss-cli.sh" --connect --controller="127.0.0.1:$((9990 + offset))" \
    --command=":shutdown(suspend-timeout=15)" > /dev/null 2>&1 || kill "$server" 2> /dev/null || true
}
trap stop TERM INT
# wait returns when a trapped signal arrives; wait again for the server to finish stopping.
wait "$server" || true
wait "$server" 2> /dev/null || true
