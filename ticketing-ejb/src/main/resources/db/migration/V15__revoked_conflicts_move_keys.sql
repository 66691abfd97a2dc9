-- A scanner offline with an old snapshot may let in a ticket revoked before the scan: reported with
-- the double admissions, as a conflict of its own kind. Its "first" side is the revocation (when),
-- with no gate, device or volunteer.
ALTER TABLE entry_conflict
    ADD COLUMN kind varchar(10) NOT NULL DEFAULT 'TWICE' CHECK (kind IN ('TWICE', 'REVOKED')),
    ALTER COLUMN first_gate_id DROP NOT NULL,
    ALTER COLUMN first_volunteer DROP NOT NULL;

-- A ticket keeps the keys of its recent moves (exits, re-entries), not only the last: a retry of
-- an older move (an offline batch sent again after the idempotency cache was lost) gets its first
-- answer instead of moving the ticket again. Newest first, separated by spaces, at most 8.
ALTER TABLE admission RENAME COLUMN last_scan_key TO move_keys;
ALTER TABLE admission ALTER COLUMN move_keys TYPE varchar(600);
