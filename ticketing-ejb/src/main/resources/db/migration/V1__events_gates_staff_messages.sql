-- The event context: events in their own time zone, daily slots with two seat pools, gates.
-- Seats live in two pools per slot so that the database itself refuses an overbooking:
--   online pool  = capacity - walk_in_reserve, used by online registrations and by walk-ins
--                  once the reserve is gone;
--   reserve pool = walk_in_reserve, used by volunteer-desk walk-ins first.
CREATE TABLE event (
    id                uuid PRIMARY KEY,
    slug              varchar(80)  NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    name              varchar(200) NOT NULL,
    venue             varchar(300) NOT NULL,
    time_zone         varchar(64)  NOT NULL DEFAULT 'Asia/Kolkata',
    starts_on         date         NOT NULL,
    ends_on           date         NOT NULL,
    registration_open boolean      NOT NULL DEFAULT true,
    created_at        timestamptz  NOT NULL DEFAULT now(),
    CONSTRAINT event_dates CHECK (ends_on >= starts_on)
);

CREATE TABLE slot (
    id              uuid PRIMARY KEY,
    event_id        uuid    NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    slot_date       date    NOT NULL,
    starts_at       time    NOT NULL,
    ends_at         time    NOT NULL,
    capacity        integer NOT NULL CHECK (capacity >= 0),
    walk_in_reserve integer NOT NULL DEFAULT 0,
    online_taken    integer NOT NULL DEFAULT 0,
    reserve_taken   integer NOT NULL DEFAULT 0,
    CONSTRAINT slot_hours CHECK (ends_at > starts_at),
    CONSTRAINT slot_reserve CHECK (walk_in_reserve BETWEEN 0 AND capacity),
    CONSTRAINT slot_online_pool CHECK (online_taken BETWEEN 0 AND capacity - walk_in_reserve),
    CONSTRAINT slot_reserve_pool CHECK (reserve_taken BETWEEN 0 AND walk_in_reserve)
);
CREATE INDEX slot_event_date ON slot (event_id, slot_date, starts_at);

CREATE TABLE gate (
    id       uuid PRIMARY KEY,
    event_id uuid         NOT NULL REFERENCES event (id) ON DELETE CASCADE,
    name     varchar(100) NOT NULL,
    CONSTRAINT gate_name_per_event UNIQUE (event_id, name)
);

-- Staff decide the extra roles a phone's token carries (volunteer, admin).
CREATE TABLE staff (
    id         uuid PRIMARY KEY,
    phone      varchar(16)  NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    name       varchar(200) NOT NULL,
    role       varchar(16)  NOT NULL CHECK (role IN ('volunteer', 'admin')),
    gate_id    uuid REFERENCES gate (id) ON DELETE SET NULL,
    active     boolean      NOT NULL DEFAULT true,
    created_at timestamptz  NOT NULL DEFAULT now()
);

-- Every message we send (OTP, ticket, reminder, broadcast) is a row with its state.
-- In development mode the provider is the outbox: the row is the delivery.
CREATE TABLE message (
    id          uuid PRIMARY KEY,
    kind        varchar(32) NOT NULL,
    channel     varchar(16) NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
    recipient   varchar(16) NOT NULL,
    body        text        NOT NULL,
    media_url   text,
    state       varchar(16) NOT NULL CHECK (state IN ('QUEUED', 'SENT', 'DELIVERED', 'FAILED')),
    provider    varchar(16) NOT NULL,
    provider_id varchar(64),
    attempts    integer     NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX message_recipient_created ON message (recipient, created_at DESC);
