-- WhatsApp (issue 13).

-- The people who write to us on WhatsApp: the language they chose, when they last wrote (replies
-- within 24 hours of that may be free text; later, only approved templates), and whether they sent
-- STOP (no broadcasts or reminders on any channel until they send START).
CREATE TABLE whatsapp_contact (
  phone text PRIMARY KEY,
  language text CHECK (language IN ('en', 'hi')),
  last_inbound_at timestamptz NOT NULL,
  opted_out_at timestamptz
);

-- Every message Twilio delivered to the webhook, by its MessageSid: one delivered twice acts once.
-- Also what the per-number flood limit counts when the cache cannot.
CREATE TABLE whatsapp_inbound (
  message_sid text PRIMARY KEY,
  phone text NOT NULL,
  received_at timestamptz NOT NULL
);
CREATE INDEX whatsapp_inbound_phone ON whatsapp_inbound (phone, received_at);
CREATE INDEX whatsapp_inbound_received ON whatsapp_inbound (received_at);

-- One conversation per phone, shared by all nodes (the row lock orders one number's messages);
-- it starts again after a period of inactivity. `choices` are the ids behind the numbers last shown.
CREATE TABLE whatsapp_conversation (
  phone text PRIMARY KEY,
  step text NOT NULL,
  language text CHECK (language IN ('en', 'hi')),
  name text,
  event_id uuid,
  slot_id uuid,
  party_size int,
  choices text,
  updated_at timestamptz NOT NULL,
  version bigint NOT NULL DEFAULT 0
);
CREATE INDEX whatsapp_conversation_updated ON whatsapp_conversation (updated_at);

-- A confirmed conversation, which a job turns into a registration (the webhook answers at once).
CREATE TABLE whatsapp_submission (
  id uuid PRIMARY KEY,
  phone text NOT NULL,
  slot_id uuid NOT NULL,
  name text NOT NULL,
  party_size int NOT NULL CHECK (party_size BETWEEN 1 AND 10),
  language text NOT NULL CHECK (language IN ('en', 'hi')),
  consent_at timestamptz NOT NULL,
  state text NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DONE', 'REFUSED')),
  refusal text,
  registration_id uuid,
  created_at timestamptz NOT NULL
);
CREATE INDEX whatsapp_submission_phone ON whatsapp_submission (phone);
CREATE INDEX whatsapp_submission_created ON whatsapp_submission (created_at);
