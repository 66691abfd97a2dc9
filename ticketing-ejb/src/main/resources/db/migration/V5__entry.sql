-- Entry: admissions (the truth of who got in) and every scan at the gates (for the gate counters).

-- A ticket is admitted once per date: the primary key is what makes admission exactly-once across
-- every gate and every node, whatever the cache in front of it did. Racing inserts use
-- ON CONFLICT DO NOTHING; the loser reads the winner's row.
CREATE TABLE admission (
    ticket_id    varchar(12) NOT NULL REFERENCES ticket (id) ON DELETE CASCADE,
    admitted_on  date        NOT NULL,
    event_id     uuid        NOT NULL REFERENCES event (id),
    gate_id      uuid        NOT NULL REFERENCES gate (id),
    party_size   integer     NOT NULL,
    admitted_at  timestamptz NOT NULL,
    volunteer_id uuid        NOT NULL,
    -- sha-256 of (volunteer, Idempotency-Key) of the admitting scan: the same physical scan sent
    -- again answers ADMITTED again, even when the idempotency cache is unavailable.
    scan_key     varchar(64),
    PRIMARY KEY (ticket_id, admitted_on)
);
CREATE INDEX admission_event_time ON admission (event_id, admitted_at);

CREATE TABLE scan (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id     uuid        NOT NULL REFERENCES event (id),
    gate_id      uuid        NOT NULL REFERENCES gate (id),
    ticket_id    varchar(12),
    device_id    varchar(100),
    volunteer_id uuid        NOT NULL,
    outcome      varchar(16) NOT NULL CHECK (outcome IN ('ADMITTED', 'ALREADY_ADMITTED', 'INVALID',
                                                         'REVOKED', 'WRONG_DATE', 'WRONG_EVENT')),
    -- Who answered: the entry cache (a duplicate seen there), the database, or the token alone.
    decided_by   varchar(8)  NOT NULL CHECK (decided_by IN ('cache', 'database', 'token')),
    scanned_at   timestamptz NOT NULL
);
CREATE INDEX scan_gate_time ON scan (gate_id, scanned_at);
CREATE INDEX scan_event_time ON scan (event_id, scanned_at);
