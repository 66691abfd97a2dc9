#!/usr/bin/env bash
# The scanners' offline snapshot at the size of a big day (issue 15): an event of its own with
# 100,000 tickets for today, all admitted, half of them still inside, 1,000 revoked, made straight
# in the development database; then the snapshot's size (gzip and plain) and the time to make it
# (first call) and to serve the kept copy (next calls), and a delta after 1,000 moves. Removes the
# event afterwards. Needs the development server running (./pravesh dev).
# Usage: scripts/snapshot-bench.sh [tickets]
set -euo pipefail
N=${1:-100000}
BASE=${BASE_URL:-http://localhost:8080}
DB=${TICKETING_DB_NAME:-pravesh}
CLEANUP="
delete from occupancy where event_id in (select id from event where slug = 'bench-snapshot');
delete from admission where event_id in (select id from event where slug = 'bench-snapshot');
delete from ticket where event_id in (select id from event where slug = 'bench-snapshot');
delete from registration where slot_id in (select s.id from slot s join event e on e.id = s.event_id where e.slug = 'bench-snapshot');
delete from slot where event_id in (select id from event where slug = 'bench-snapshot');
delete from gate where event_id in (select id from event where slug = 'bench-snapshot');
delete from event where slug = 'bench-snapshot';
"
cleanup() { psql_dev -c "$CLEANUP" > /dev/null; }
psql_dev() { PGPASSWORD=${TICKETING_DB_PASSWORD:-pravesh} psql -X -q -h localhost -U "${TICKETING_DB_USER:-pravesh}" -d "$DB" -v ON_ERROR_STOP=1 "$@"; }

[[ $(psql_dev -tA -c "select count(*) from ticket_key") -gt 0 ]] || { echo "no ticket key yet: register once first" >&2; exit 1; }
cleanup
psql_dev <<SQL
insert into event (id, slug, name, venue, time_zone, starts_on, ends_on)
  values (gen_random_uuid(), 'bench-snapshot', 'Snapshot bench', 'Hall', 'Asia/Kolkata',
          (now() at time zone 'Asia/Kolkata')::date, (now() at time zone 'Asia/Kolkata')::date);
insert into gate (id, event_id, name) select gen_random_uuid(), id, 'Gate ' || g from event, generate_series(1, 20) g where slug = 'bench-snapshot';
insert into slot (id, event_id, slot_date, starts_at, ends_at, capacity, walk_in_reserve)
  select gen_random_uuid(), id, (now() at time zone 'Asia/Kolkata')::date, '00:00', '23:59', $N, 0 from event where slug = 'bench-snapshot';
insert into registration (id, slot_id, name, party_size, channel, status, from_online, from_reserve, created_at)
  select gen_random_uuid(), s.id, 'Visitor ' || i, 2, 'WEB', 'TICKETED', 2, 0, now()
  from slot s join event e on e.id = s.event_id, generate_series(1, $N) i where e.slug = 'bench-snapshot';
insert into ticket (id, registration_id, event_id, code, token, kid, ticket_date, party_size, issued_at, revoked_at)
  select substr(md5(r.id::text), 1, 12), r.id, e.id, upper(substr(md5(r.id::text), 13, 9)), 'TKT1.bench',
         (select kid from ticket_key limit 1), s.slot_date, 2, now(),
         case when row_number() over () <= 1000 then now() end
  from registration r join slot s on s.id = r.slot_id join event e on e.id = s.event_id where e.slug = 'bench-snapshot';
insert into admission (ticket_id, admitted_on, event_id, gate_id, party_size, admitted_at, volunteer_id, inside, changed_at)
  select t.id, t.ticket_date, t.event_id, (select id from gate where event_id = t.event_id limit 1), 2,
         now() - interval '1 hour', gen_random_uuid(), (row_number() over ()) % 2 = 0, now() - interval '1 hour'
  from ticket t join event e on e.id = t.event_id where e.slug = 'bench-snapshot';
insert into occupancy (event_id, on_date, inside)
  select event_id, admitted_on, sum(party_size) filter (where inside) from admission a
  join event e on e.id = a.event_id where e.slug = 'bench-snapshot' group by 1, 2;
SQL

# An admin's token, through the development outbox.
PHONE=%2B919000000001
curl -fsS -XPOST "$BASE/api/auth/otp" -H 'Content-Type: application/json' -d '{"phone":"+919000000001"}' > /dev/null
CODE=$(curl -fsS "$BASE/api/dev/outbox?to=$PHONE" | grep -o '[0-9]\{6\}' | head -1)
TOKEN=$(curl -fsS -XPOST "$BASE/api/auth/otp/verify" -H 'Content-Type: application/json' \
  -d "{\"phone\":\"+919000000001\",\"code\":\"$CODE\"}" | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')

get() {
  curl -sS -o /tmp/snapshot.gz -w '%{http_code} %{size_download} %{time_total}\n' \
    -H "Authorization: Bearer $TOKEN" -H 'Accept-Encoding: gzip' "$BASE/api/scanner/snapshot?event=bench-snapshot$1"
}
echo "tickets: $N (all admitted today, half inside, 1,000 revoked)"
read -r status bytes seconds < <(get "")
plain=$(gunzip -c /tmp/snapshot.gz | wc -c)
cursor=$(gunzip -c /tmp/snapshot.gz | grep -o '"cursor":"[^"]*"' | cut -d'"' -f4)
echo "full snapshot, first call (made): HTTP $status, $bytes bytes gzip ($plain plain), ${seconds}s"
for i in 1 2 3; do
  read -r status bytes seconds < <(get "")
  echo "full snapshot, kept copy: HTTP $status, $bytes bytes, ${seconds}s"
done
psql_dev -c "update admission set inside = not inside, moves = moves + 1, changed_at = clock_timestamp()
  where ticket_id in (select a.ticket_id from admission a join event e on e.id = a.event_id
  where e.slug = 'bench-snapshot' limit 1000); update occupancy set changed_at = clock_timestamp()
  where event_id = (select id from event where slug = 'bench-snapshot')"
read -r status bytes seconds < <(get "&since=$cursor")
echo "delta after 1,000 moves: HTTP $status, $bytes bytes gzip, ${seconds}s"

cleanup
