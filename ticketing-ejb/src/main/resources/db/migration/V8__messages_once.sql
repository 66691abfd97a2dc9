-- Messages are recorded and committed before they are sent, once per job: a job delivered twice
-- finds its message by job_id and sends nothing more. A version guards the state, which only moves
-- forward (QUEUED, SENT, then DELIVERED or FAILED).
ALTER TABLE message ADD COLUMN job_id varchar(80);
CREATE UNIQUE INDEX message_job ON message (job_id) WHERE job_id IS NOT NULL;
ALTER TABLE message ADD COLUMN version integer NOT NULL DEFAULT 0;
