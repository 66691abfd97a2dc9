-- Messages are counted against budgets of their own (login codes, tickets, broadcasts) per hour,
-- one row per budget and hour, changed by one conditional statement: a flood of anonymous login
-- codes cannot use up what tickets need, and deleting message rows does not give budget back.
CREATE TABLE message_budget (
    budget varchar(16) NOT NULL,
    hour   timestamptz NOT NULL,
    used   integer     NOT NULL,
    PRIMARY KEY (budget, hour)
);

-- Wrong codes per challenge and client address: guesses from other addresses do not lock the
-- phone's owner out (the challenge itself dies only after many wrong codes in all).
CREATE TABLE otp_attempt (
    challenge_id uuid        NOT NULL REFERENCES otp_challenge (id) ON DELETE CASCADE,
    address      varchar(64) NOT NULL,
    wrong        integer     NOT NULL,
    PRIMARY KEY (challenge_id, address)
);
