-- Volunteer desks and the admin console.

-- Events and gates are edited by admins: optimistic versions, as on the other edited rows.
-- reentry and max_inside are the event's entry rules (api.md, Entry: exits and occupancy).
ALTER TABLE event ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE event ADD COLUMN reentry boolean NOT NULL DEFAULT true;
ALTER TABLE event ADD COLUMN max_inside integer CHECK (max_inside > 0);

-- A gate is retired, never deleted: its scans and admissions keep pointing at it.
ALTER TABLE gate ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE gate ADD COLUMN retired_at timestamptz;

-- How a registration's ticket is delivered: by SMS, by WhatsApp, or only shown at a desk.
ALTER TABLE registration ADD COLUMN deliver varchar(16) CHECK (deliver IN ('sms', 'whatsapp', 'none'));

-- The gate the scanning volunteer was assigned to when they scanned (null: none), so that scans
-- at another gate are visible as such.
ALTER TABLE scan ADD COLUMN assigned_gate_id uuid;

-- Job ids name what a job is about (a broadcast and its recipient: two uuids and a prefix).
ALTER TABLE message ALTER COLUMN job_id TYPE varchar(120);

-- Messages to every active registrant of a slot (a rain closure); one notify job per recipient.
CREATE TABLE broadcast (
    id         uuid PRIMARY KEY,
    slot_id    uuid         NOT NULL REFERENCES slot (id) ON DELETE CASCADE,
    message    varchar(320) NOT NULL,
    created_by uuid         NOT NULL,
    created_at timestamptz  NOT NULL,
    recipients integer      NOT NULL,
    -- The admin's Idempotency-Key: a retry finds the broadcast made, even when the replicated
    -- idempotency cache could not answer.
    idempotency_key varchar(200),
    CONSTRAINT broadcast_once UNIQUE (created_by, idempotency_key)
);
CREATE INDEX broadcast_slot ON broadcast (slot_id, created_at DESC);

-- The audit log is read by actor and by action, newest first.
CREATE INDEX audit_log_actor ON audit_log (actor, at DESC);
CREATE INDEX audit_log_action ON audit_log (action, at DESC);
CREATE INDEX audit_log_target ON audit_log (target, at DESC);

-- The help desk finds a ticket by its short code, whatever the event.
CREATE INDEX ticket_code ON ticket (code);
