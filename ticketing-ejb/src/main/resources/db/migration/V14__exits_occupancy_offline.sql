-- Exits, re-entry and occupancy (api.md, Entry: exits and occupancy), and offline scanning.

-- A scan goes in or out; the outcomes of exits, re-entry and a full venue.
ALTER TABLE scan ADD COLUMN direction varchar(3) NOT NULL DEFAULT 'IN' CHECK (direction IN ('IN', 'OUT'));
ALTER TABLE scan DROP CONSTRAINT scan_outcome_check;
ALTER TABLE scan ADD CONSTRAINT scan_outcome_check CHECK (outcome IN ('ADMITTED', 'ALREADY_ADMITTED',
    'INVALID', 'REVOKED', 'WRONG_DATE', 'WRONG_EVENT', 'EXITED', 'NOT_INSIDE', 'READMITTED', 'VENUE_FULL'));
-- Scans sent later by a scanner that was offline (their scanned_at is when the volunteer scanned):
-- when the server got them, and what the device answered then.
ALTER TABLE scan ADD COLUMN synced_at timestamptz;
ALTER TABLE scan ADD COLUMN offline_outcome varchar(16);

-- The admission row is the ticket's entry state for its date: inside or not, and how many moves
-- (exits and re-entries) it made since its admission; the last move's gate, time and scan key
-- (a retried scan answers the same). Every move is decided on this row, locked.
ALTER TABLE admission ADD COLUMN inside boolean NOT NULL DEFAULT true;
ALTER TABLE admission ADD COLUMN moves integer NOT NULL DEFAULT 0;
ALTER TABLE admission ADD COLUMN last_gate_id uuid REFERENCES gate (id);
ALTER TABLE admission ADD COLUMN last_at timestamptz;
ALTER TABLE admission ADD COLUMN last_scan_key varchar(64);
-- The device that admitted (a conflict report names it).
ALTER TABLE admission ADD COLUMN device_id varchar(100);
-- When the row last changed, for the scanners' snapshot deltas.
ALTER TABLE admission ADD COLUMN changed_at timestamptz NOT NULL DEFAULT now();
CREATE INDEX admission_event_changed ON admission (event_id, changed_at);
UPDATE admission SET changed_at = admitted_at;

-- People inside per event and date, maintained with every decided scan (never recounted per
-- request). The row is also the event's entry lock: every batch of scans that may move someone
-- locks it (after the tickets, before the admissions), so that VENUE_FULL is exact.
CREATE TABLE occupancy (
    event_id   uuid        NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    on_date    date        NOT NULL,
    inside     integer     NOT NULL DEFAULT 0,
    changed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (event_id, on_date)
);
INSERT INTO occupancy (event_id, on_date, inside)
    SELECT event_id, admitted_on, sum(party_size) FROM admission GROUP BY event_id, admitted_on;

-- People in and out through each gate per date.
CREATE TABLE gate_flow (
    gate_id    uuid    NOT NULL REFERENCES gate (id) ON DELETE CASCADE,
    on_date    date    NOT NULL,
    event_id   uuid    NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    people_in  integer NOT NULL DEFAULT 0,
    people_out integer NOT NULL DEFAULT 0,
    PRIMARY KEY (gate_id, on_date)
);
INSERT INTO gate_flow (gate_id, on_date, event_id, people_in)
    SELECT gate_id, admitted_on, event_id, sum(party_size) FROM admission GROUP BY gate_id, admitted_on, event_id;

-- A ticket that got in twice while scanners were offline: the admission that stands (first) and
-- the offline one the server found already admitted (second).
CREATE TABLE entry_conflict (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id         uuid         NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    ticket_id        varchar(12)  NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    first_gate_id    uuid         NOT NULL REFERENCES gate (id),
    first_device     varchar(100),
    first_volunteer  uuid         NOT NULL,
    first_at         timestamptz  NOT NULL,
    second_gate_id   uuid         NOT NULL REFERENCES gate (id),
    second_device    varchar(100),
    second_volunteer uuid         NOT NULL,
    second_at        timestamptz  NOT NULL,
    -- The offline scan's key hash: a batch sent again records no second conflict.
    scan_key         varchar(64)  NOT NULL UNIQUE,
    recorded_at      timestamptz  NOT NULL
);
CREATE INDEX entry_conflict_event ON entry_conflict (event_id, recorded_at);

-- Revocations, for the scanners' snapshot deltas.
CREATE INDEX ticket_event_revoked ON ticket (event_id, revoked_at) WHERE revoked_at IS NOT NULL;
