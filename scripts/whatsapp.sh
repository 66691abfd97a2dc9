#!/usr/bin/env bash
# Talk to the WhatsApp bot as Twilio would: a signed webhook call for one message.
#   scripts/whatsapp.sh 9812345678 hi
# Signs with the development auth token (TICKETING_TWILIO_AUTH_TOKEN, default dev-twilio-token)
# over the public URL (TICKETING_PUBLIC_BASE_URL, default http://localhost:8080) and posts to
# BASE_URL (default the same). Prints the TwiML reply.
set -euo pipefail
if [ $# -lt 2 ]; then
  echo "usage: $0 <phone> <message...>" >&2
  exit 2
fi
phone=$1
shift
body="$*"
case "$phone" in
  +*) ;;
  *) phone="+91$phone" ;;
esac
from="whatsapp:$phone"
sid="SM$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
token=${TICKETING_TWILIO_AUTH_TOKEN:-dev-twilio-token}
public=${TICKETING_PUBLIC_BASE_URL:-http://localhost:8080}
base=${BASE_URL:-$public}
url="$public/api/whatsapp/webhook"
# Twilio's signature: HMAC-SHA1 over the URL followed by each parameter's name and value, sorted
# by name, keyed with the auth token, in base64.
signature=$(printf '%s' "${url}Body${body}From${from}MessageSid${sid}" | python3 -c '
import base64, hashlib, hmac, sys
print(base64.b64encode(hmac.new(sys.argv[1].encode(), sys.stdin.buffer.read(), hashlib.sha1).digest()).decode())
' "$token")
curl -sS "$base/api/whatsapp/webhook" \
  -H "X-Twilio-Signature: $signature" \
  --data-urlencode "Body=$body" \
  --data-urlencode "From=$from" \
  --data-urlencode "MessageSid=$sid"
echo
