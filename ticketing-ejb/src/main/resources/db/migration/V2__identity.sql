-- Identity: people known by phone, OTP challenges, staff login codes, token revocations, audit.

-- A person is a phone number that logged in; tokens' "sub" is the person's id.
CREATE TABLE person (
    id         uuid PRIMARY KEY,
    phone      varchar(16) NOT NULL UNIQUE CHECK (phone ~ '^\+[1-9][0-9]{6,14}$'),
    created_at timestamptz NOT NULL DEFAULT now()
);

-- A one-time code sent by SMS or WhatsApp. Only its keyed hash is kept.
CREATE TABLE otp_challenge (
    id          uuid PRIMARY KEY,
    phone       varchar(16) NOT NULL,
    code_hash   varchar(64) NOT NULL,
    channel     varchar(16) NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    consumed_at timestamptz,
    dead        boolean     NOT NULL DEFAULT false
);
CREATE INDEX otp_challenge_phone_created ON otp_challenge (phone, created_at DESC);

-- A one-time login code an admin issued for a staff member (gate staff never wait for an SMS).
CREATE TABLE staff_login_code (
    id          uuid PRIMARY KEY,
    staff_id    uuid        NOT NULL REFERENCES staff (id) ON DELETE CASCADE,
    code_hash   varchar(64) NOT NULL UNIQUE,
    created_by  uuid        NOT NULL,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz
);

-- Tokens refused before their expiry: a whole subject's tokens issued up to not_before (staff
-- deactivated or demoted), or one token by its jti (logout). Rows outlive the longest token.
CREATE TABLE token_revocation (
    revocation_key varchar(80) PRIMARY KEY,
    not_before     timestamptz NOT NULL,
    expires_at     timestamptz NOT NULL
);
CREATE INDEX token_revocation_expires ON token_revocation (expires_at);

-- Who did what, when, from where.
CREATE TABLE audit_log (
    id         uuid PRIMARY KEY,
    at         timestamptz  NOT NULL,
    actor      varchar(80)  NOT NULL,
    action     varchar(60)  NOT NULL,
    target     varchar(120),
    detail     text,
    address    varchar(64)
);
CREATE INDEX audit_log_at ON audit_log (at DESC);

-- The global message cap counts the last hour's messages.
CREATE INDEX message_created ON message (created_at);
