-- A scanner offline with an old snapshot may let in a ticket revoked before the scan: reported with
-- the double admissions, as a conflict of its own kind. Its "first" side is the revocation (when),
-- with no gate, device or volunteer.
ALTER TABLE entry_conflict
    ADD COLUMN kind varchar(10) NOT NULL DEFAULT 'TWICE' CHECK (kind IN ('TWICE', 'REVOKED')),
    ALTER COLUMN first_gate_id DROP NOT NULL,
    ALTER COLUMN first_volunteer DROP NOT NULL;

-- A ticket keeps the keys of its recent moves (exits, re-entries), not only the last: a retry of
-- an older move (an offline batch sent again after the idempotency cache was lost) gets its first
-- answer instead of moving the ticket again. Newest first, each tagged with its direction (I: or
-- O:), separated by spaces, at most 8. last_scan_key stays, still written, for the nodes of the
-- previous release during a rolling deploy (a later release drops it).
ALTER TABLE admission ADD COLUMN move_keys varchar(600);
UPDATE admission SET move_keys = last_scan_key WHERE last_scan_key IS NOT NULL;
