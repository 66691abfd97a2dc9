-- Optimistic versions on the rows that are read, changed and written back through their entities:
-- a write based on a stale read fails instead of overwriting a change made in between.
ALTER TABLE slot ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE registration ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE ticket ADD COLUMN version integer NOT NULL DEFAULT 0;
ALTER TABLE otp_challenge ADD COLUMN version integer NOT NULL DEFAULT 0;
