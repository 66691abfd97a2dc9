-- The five statistics queries of one live snapshot (Statistics.of), timed on the first export-* event
-- of the benchmark database: psql -d pravesh_bench -f scripts/stats-queries.sql (after ./pravesh bench).
\timing on
select e.id from event e where e.slug like 'export-%' limit 1 \gset
select r.channel, count(*), coalesce(sum(r.party_size), 0) from registration r join slot s on s.id = r.slot_id where s.event_id = :'id' and r.status <> 'CANCELLED' group by r.channel;
select s.slot_date, count(*) from registration r join slot s on s.id = r.slot_id where s.event_id = :'id' and r.status <> 'CANCELLED' group by s.slot_date order by s.slot_date;
select count(*) filter (where r.status = 'PENDING'), count(*) filter (where r.status = 'TICKETED') from registration r join slot s on s.id = r.slot_id where s.event_id = :'id';
select g.id, g.name, count(a.ticket_id), coalesce(sum(a.party_size), 0) from gate g left join admission a on a.gate_id = g.id and a.event_id = :'id' where g.event_id = :'id' group by g.id, g.name order by g.name;
select date_trunc('hour', a.admitted_at at time zone 'Asia/Kolkata'), count(*) from admission a where a.event_id = :'id' group by 1 order by 1;
