-- Messages the provider could not take (an outage, an open circuit) are parked, not lost: they
-- stay QUEUED and are tried again from next_attempt_at.
ALTER TABLE message ADD COLUMN next_attempt_at timestamptz;
ALTER TABLE message ADD COLUMN last_error varchar(300);
CREATE INDEX message_parked ON message (next_attempt_at) WHERE state = 'QUEUED';
-- What a retry needs to send a template message again.
ALTER TABLE message ADD COLUMN content_sid varchar(64);
ALTER TABLE message ADD COLUMN content_variables text;
