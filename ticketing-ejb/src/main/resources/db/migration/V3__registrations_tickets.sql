-- Registrations and tickets.

CREATE TABLE registration (
    id              uuid PRIMARY KEY,
    slot_id         uuid        NOT NULL REFERENCES slot (id),
    person_id       uuid        REFERENCES person (id) ON DELETE SET NULL,
    phone           varchar(16),
    name            varchar(200),
    email           varchar(254),
    party_size      integer     NOT NULL CHECK (party_size BETWEEN 1 AND 100),
    channel         varchar(16) NOT NULL CHECK (channel IN ('WEB', 'WHATSAPP', 'VOLUNTEER')),
    status          varchar(16) NOT NULL CHECK (status IN ('PENDING', 'TICKETED', 'CANCELLED')),
    -- Which seat pools the party took (a cancellation gives them back to the same pools).
    from_online     integer     NOT NULL,
    from_reserve    integer     NOT NULL,
    consent_at      timestamptz,
    consent_channel varchar(16),
    created_by      uuid,
    created_at      timestamptz NOT NULL,
    cancelled_at    timestamptz,
    CONSTRAINT registration_seats CHECK (from_online + from_reserve = party_size)
);
-- One active registration per phone per slot.
CREATE UNIQUE INDEX registration_active_per_phone ON registration (slot_id, phone)
    WHERE status IN ('PENDING', 'TICKETED');
CREATE INDEX registration_person ON registration (person_id, created_at DESC);
CREATE INDEX registration_phone ON registration (phone);

-- The keys that sign an event's tickets (Ed25519). The private key is stored encrypted with the
-- configured ticket-key secret; a key keeps verifying until valid_to (its tickets' dates passed).
CREATE TABLE ticket_key (
    kid                   varchar(8)  PRIMARY KEY,
    event_id              uuid        NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    public_key            bytea       NOT NULL,
    private_key_encrypted bytea       NOT NULL,
    valid_from            timestamptz NOT NULL,
    valid_to              timestamptz,
    retired_at            timestamptz
);
CREATE INDEX ticket_key_event ON ticket_key (event_id, valid_from DESC);

-- Ticket ids are 9 random bytes in base64url (12 characters): short enough to keep the token in the
-- QR code under 220 characters.
CREATE TABLE ticket (
    id              varchar(12) PRIMARY KEY,
    registration_id uuid        NOT NULL UNIQUE REFERENCES registration (id) ON DELETE CASCADE,
    event_id        uuid        NOT NULL REFERENCES event (id),
    code            varchar(9)  NOT NULL,
    token           varchar(220) NOT NULL,
    kid             varchar(8)  NOT NULL REFERENCES ticket_key (kid),
    ticket_date     date        NOT NULL,
    party_size      integer     NOT NULL,
    issued_at       timestamptz NOT NULL,
    revoked_at      timestamptz,
    CONSTRAINT ticket_code_per_event UNIQUE (event_id, code)
);

-- Messages may belong to a registration (ticket deliveries), for resend and status callbacks.
ALTER TABLE message ADD COLUMN registration_id uuid REFERENCES registration (id) ON DELETE SET NULL;
CREATE INDEX message_provider_id ON message (provider_id);
