#!/usr/bin/env bash
# Measures what authentication costs over HTTP against a running development server
# (./pravesh dev): wrk, 2 threads, 50 connections, 20 s each, on loopback, load generator on the
# same two cores. GET /api/me verifies the token (RS256) and checks revocation on the replicated
# cache, and reads nothing else; GET /api/me without a token is refused before any work.
set -euo pipefail
base=${BASE_URL:-http://localhost:8080}
duration=${DURATION:-20s}
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }
phone="+9197$(printf '%08d' $((RANDOM * RANDOM % 100000000)))"
curl -fsS -o /dev/null -X POST "$base/api/auth/otp" -H 'Content-Type: application/json' -d "{\"phone\":\"$phone\"}"
code=$(curl -fsS "$base/api/dev/outbox?to=%2B${phone#+}" | grep -o '[0-9]\{6\}' | head -n 1)
token=$(curl -fsS -X POST "$base/api/auth/otp/verify" -H 'Content-Type: application/json' \
  -d "{\"phone\":\"$phone\",\"code\":\"$code\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
run() {
  echo "== $1"
  shift
  wrk -t2 -c50 -d"$duration" --latency "$@" | grep -E "Requests/sec|Latency|99%|50%|Non-2xx"
}
run "GET /api/me with a valid token (verification + revocation check)" -H "Authorization: Bearer $token" "$base/api/me"
run "GET /api/me without a token (refused with 401, no verification)" "$base/api/me"
