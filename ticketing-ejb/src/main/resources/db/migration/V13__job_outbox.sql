-- Issue 14 (performance): jobs are written to this table in the transaction that makes them (a
-- registration and its ticket job commit together, in one local commit) and relayed to their JMS
-- queue afterwards, in batches, each batch taken from here and sent in one XA transaction. A job
-- is in exactly one place at every moment: this table or its queue.
CREATE SEQUENCE job_outbox_seq INCREMENT BY 50;
CREATE TABLE job_outbox (
  id bigint PRIMARY KEY,
  queue text NOT NULL CHECK (queue IN ('tickets', 'notifications')),
  job_id text NOT NULL,
  body text NOT NULL,
  -- The message's string properties (kind, channel, broadcastId), as a JSON object.
  properties text NOT NULL,
  priority smallint NOT NULL CHECK (priority BETWEEN 0 AND 9),
  created_at timestamptz NOT NULL
);
-- The relay's order: ticket jobs before broadcasts (priority 4 before 2), then oldest first.
CREATE INDEX job_outbox_order ON job_outbox (priority DESC, id);
