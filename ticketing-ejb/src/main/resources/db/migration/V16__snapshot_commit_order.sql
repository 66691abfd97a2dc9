-- The scanners' snapshot deltas follow the order of commits, not of clocks. A row changed for the
-- snapshot carries the id of the transaction that changed it (set by a trigger, whoever writes),
-- and a delta's cursor is the database's snapshot when the answer was made (the next transaction
-- id, and those still running): the next delta takes every row changed by one of those or a later
-- one. A transaction that wrote long before it committed (a stalled commit, a node's clock behind
-- the database's) is never missed, as it could be with a time cursor. The time indexes stay while
-- nodes of the previous release (time cursors) may still run; a later release drops them.
ALTER TABLE admission ADD COLUMN changed_xid xid8 NOT NULL DEFAULT pg_current_xact_id();
CREATE INDEX admission_event_changed_xid ON admission (event_id, changed_xid);

ALTER TABLE ticket ADD COLUMN revoked_xid xid8;
UPDATE ticket SET revoked_xid = pg_current_xact_id() WHERE revoked_at IS NOT NULL;
CREATE INDEX ticket_event_revoked_xid ON ticket (event_id, revoked_xid) WHERE revoked_xid IS NOT NULL;

CREATE FUNCTION admission_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.changed_xid := pg_current_xact_id();
    RETURN NEW;
END $$;
CREATE TRIGGER admission_changed BEFORE INSERT OR UPDATE ON admission
    FOR EACH ROW EXECUTE FUNCTION admission_changed();

CREATE FUNCTION ticket_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.revoked_xid := pg_current_xact_id();
    ELSIF NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
        NEW.revoked_xid := CASE WHEN NEW.revoked_at IS NULL THEN NULL ELSE pg_current_xact_id() END;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER ticket_revoked BEFORE UPDATE OF revoked_at ON ticket
    FOR EACH ROW EXECUTE FUNCTION ticket_revoked();
CREATE TRIGGER ticket_revoked_insert BEFORE INSERT ON ticket
    FOR EACH ROW WHEN (NEW.revoked_at IS NOT NULL) EXECUTE FUNCTION ticket_revoked();
